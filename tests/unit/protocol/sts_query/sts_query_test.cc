// STS's codec pieces (protocol/sts_query/) and issued temporary credentials under --verify-sigv4
// (identity/session_store.h with protocol/signature_verifier.h), with a clock the test moves.
#include <gtest/gtest.h>

#include "common/api_error.h"
#include "identity/session_store.h"
#include "protocol/signature_verifier.h"
#include "protocol/sigv4.h"
#include "protocol/sts_query/form.h"
#include "protocol/sts_query/member_rules.h"
#include "protocol/sts_query/xml.h"

namespace ccemu::protocol::sts_query {
namespace {

constexpr int64_t kNowMs = 1795780800000;  // 2026-11-27T12:00:00Z
constexpr char kNow[] = "20261127T120000Z";

TEST(StsForm, DecodesPercentAndPlusInOrder) {
  const auto parameters = parse_form("Action=AssumeRole&RoleSessionName=a+b%40c&&Empty=&Flag");
  ASSERT_TRUE(parameters);
  const FormParameters expected = {
      {"Action", "AssumeRole"}, {"RoleSessionName", "a b@c"}, {"Empty", ""}, {"Flag", ""}};
  EXPECT_EQ(*parameters, expected);
}

TEST(StsForm, RefusesBrokenPercentEscapes) {
  EXPECT_FALSE(parse_form("Action=%4"));
  EXPECT_FALSE(parse_form("Action=%zz"));
  EXPECT_FALSE(parse_form("%"));
}

TEST(StsXml, EscapesMarkupAndReplacesWhatXmlCannotCarry) {
  EXPECT_EQ(xml_text("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;");
  EXPECT_EQ(xml_text(std::string("a\x01z", 3)), "a\xEF\xBF\xBDz");
  EXPECT_EQ(xml_text("\xC3\xA9"), "\xC3\xA9");
  EXPECT_EQ(xml_text("\xC3"), "\xEF\xBF\xBD");
}

TEST(StsXml, RequestIdIsFilledOnce) {
  std::string document = error_document(true, "ValidationError", "<RequestId></RequestId>");
  fill_request_id(document, "id-1");
  fill_request_id(document, "id-2");
  EXPECT_NE(document.find("<RequestId>id-1</RequestId>"), std::string::npos) << document;
  EXPECT_EQ(document.find("id-2"), std::string::npos);
  EXPECT_NE(document.find("<Message>&lt;RequestId&gt;&lt;/RequestId&gt;</Message>"),
            std::string::npos);
}

std::string validation_message(const nlohmann::json& input, std::string_view operation) {
  try {
    check_members(operation, input);
  } catch (const ApiError& e) {
    return e.message();
  }
  return "accepted";
}

TEST(StsMemberRules, PatternsAreCharacterClassesOverCodePoints) {
  const nlohmann::json valid = {{"RoleArn", "arn:aws:iam::210987654321:role/r\xC3\xA9"},
                                {"RoleSessionName", "ci@run=1"}};
  EXPECT_EQ(validation_message(valid, "AssumeRole"), "accepted");
  nlohmann::json bad = valid;
  bad["TokenCode"] = "12a456";
  EXPECT_EQ(validation_message(bad, "AssumeRole"),
            "1 validation error detected: Value '12a456' at 'tokenCode' failed to satisfy "
            "constraint: Member must satisfy regular expression pattern: [\\d]*");
  bad = valid;
  bad["DurationSeconds"] = "12x";
  EXPECT_EQ(validation_message(bad, "AssumeRole"),
            "1 validation error detected: Value '12x' at 'durationSeconds' failed to satisfy "
            "constraint: Member must be an integer");
}

Request signed_with(const std::string& key_id, const std::string& secret,
                    const std::string& token) {
  SignableRequest signable{
      "POST",
      "/",
      "",
      {{"Host", "127.0.0.1:4566"}, {"Content-Type", "application/x-www-form-urlencoded"}},
      "Action=GetCallerIdentity&Version=2011-06-15"};
  sign(signable, {key_id, secret, token}, "us-east-1", "sts", kNow);
  Request request;
  for (auto& [name, value] : signable.headers) {
    std::string lower = name;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    request.headers[lower] = value;
  }
  request.body = signable.body;
  return request;
}

class IssuedCredentialsTest : public ::testing::Test {
 protected:
  IssuedCredentialsTest() {
    identity::Session session;
    session.secret_access_key = "issued-secret";
    session.session_token = "issued-token";
    session.account = "210987654321";
    session.expires_ms = kNowMs + 3600 * 1000;
    sessions_.add("ASIAISSUED", session);
  }

  std::string refusal(const Request& request) {
    try {
      return verifier_.authenticate(request, "sts").account;
    } catch (const ApiError& e) {
      return std::string(error_name(e.code())) + ": " + e.message();
    }
  }

  ManualClock clock_{kNowMs};
  identity::SessionStore sessions_{clock_};
  SignatureVerifier verifier_{{{"AKIDLONG", {"long-secret", "111122223333"}}},
                              {"123456789012", "us-east-1", &sessions_},
                              clock_};
};

TEST_F(IssuedCredentialsTest, VerifiesAgainstTheIssuedSecretAndNamesTheSessionAccount) {
  EXPECT_EQ(refusal(signed_with("ASIAISSUED", "issued-secret", "issued-token")), "210987654321");
  EXPECT_EQ(refusal(signed_with("AKIDLONG", "long-secret", "")), "111122223333");
}

TEST_F(IssuedCredentialsTest, RefusesAnotherSecretOrToken) {
  EXPECT_EQ(refusal(signed_with("ASIAISSUED", "other", "issued-token")).substr(0, 26),
            "InvalidSignatureException:");
  EXPECT_EQ(refusal(signed_with("ASIAISSUED", "issued-secret", "other-token")),
            "UnrecognizedClientException: The security token included in the request is invalid.");
  EXPECT_EQ(refusal(signed_with("ASIAISSUED", "issued-secret", "")),
            "UnrecognizedClientException: The security token included in the request is invalid.");
}

TEST_F(IssuedCredentialsTest, RefusesAnExpiredSession) {
  clock_.advance_ms(3600 * 1000);
  // The request is signed now, so only the session's end refuses it.
  EXPECT_EQ(refusal(signed_with("ASIAISSUED", "issued-secret", "issued-token")),
            "ExpiredTokenException: The security token included in the request is expired");
}

}  // namespace
}  // namespace ccemu::protocol::sts_query
