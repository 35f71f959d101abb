// RequestToken (cloudcontrol/request_token.h): a UUID's 16 bytes, and only canonical text names
// one.
#include "cloudcontrol/request_token.h"

#include <gtest/gtest.h>

#include "common/id_generator.h"

namespace ccemu::cloudcontrol {
namespace {

TEST(RequestToken, RoundTripsTheTokensIdGeneratorMakes) {
  IdGenerator ids(1);
  for (int i = 0; i < 100; ++i) {
    const std::string text = ids.uuid();
    const auto token = RequestToken::parse(text);
    ASSERT_TRUE(token.has_value()) << text;
    EXPECT_EQ(token->text(), text);
    EXPECT_EQ(RequestToken::from_bytes(token->bytes()), *token);
  }
}

TEST(RequestToken, TextThatIsNotACanonicalUuidNamesNoToken) {
  EXPECT_FALSE(RequestToken::parse(""));
  EXPECT_FALSE(RequestToken::parse("not-a-token"));
  EXPECT_FALSE(RequestToken::parse("0F8FAD5B-D9CB-469F-A165-70867728950E"));  // upper case
  EXPECT_FALSE(RequestToken::parse("0f8fad5bd9cb469fa16570867728950e"));      // no dashes
  EXPECT_FALSE(RequestToken::parse("0f8fad5b-d9cb-469f-a165-70867728950g"));
  EXPECT_FALSE(RequestToken::parse("0f8fad5b-d9cb-469f-a165-70867728950ee"));
  EXPECT_TRUE(RequestToken::parse("0f8fad5b-d9cb-469f-a165-70867728950e"));
}

TEST(IdGeneratorSkip, ASeededRestartThatSkipsWhatWasDrawnGoesOnWithTheSameSequence) {
  IdGenerator before(7);
  before.uuid();
  before.alphanumeric(5);
  before.uniform();
  IdGenerator restarted(7);
  restarted.skip_to(before.drawn());
  EXPECT_EQ(restarted.uuid(), before.uuid());
  EXPECT_EQ(restarted.drawn(), before.drawn());
}

}  // namespace
}  // namespace ccemu::cloudcontrol
