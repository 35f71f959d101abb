// Base64 of pagination tokens (common/base64.h): RFC 4648 with padding, canonical input only.
#include "common/base64.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace ccemu {
namespace {

TEST(Base64, EncodesRfc4648TestVectors) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
  EXPECT_EQ(base64_encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
}

TEST(Base64, DecodesRfc4648TestVectors) {
  EXPECT_EQ(base64_decode("Zg=="), std::optional<std::string>("f"));
  EXPECT_EQ(base64_decode("Zm8="), std::optional<std::string>("fo"));
  EXPECT_EQ(base64_decode("Zm9v"), std::optional<std::string>("foo"));
  EXPECT_EQ(base64_decode("Zm9vYg=="), std::optional<std::string>("foob"));
  EXPECT_EQ(base64_decode("Zm9vYmE="), std::optional<std::string>("fooba"));
  EXPECT_EQ(base64_decode("Zm9vYmFy"), std::optional<std::string>("foobar"));
}

TEST(Base64, UsesTheStandardAlphabetWithPlusAndSlash) {
  EXPECT_EQ(base64_encode("\xfb\xff"), "+/8=");
  EXPECT_EQ(base64_decode("+/8="), std::optional<std::string>("\xfb\xff"));
}

TEST(Base64, RoundTripsEveryLengthUpToSixtyFour) {
  std::string bytes;
  for (int length = 1; length <= 64; ++length) {
    bytes.push_back(static_cast<char>((length * 37) & 0xff));
    SCOPED_TRACE(length);
    const std::string encoded = base64_encode(bytes);
    EXPECT_EQ(encoded.size() % 4, 0u);
    EXPECT_EQ(base64_decode(encoded), std::optional<std::string>(bytes));
  }
}

TEST(Base64, RoundTripsZeroBytesAndEveryByteValue) {
  std::string bytes;
  for (int value = 0; value < 256; ++value) bytes.push_back(static_cast<char>(value));
  EXPECT_EQ(base64_decode(base64_encode(bytes)), std::optional<std::string>(bytes));
  const std::string zeros("\0\0\0\0", 4);
  EXPECT_EQ(base64_decode(base64_encode(zeros)), std::optional<std::string>(zeros));
}

TEST(Base64, RoundTripsDecimalSequenceTokens) {
  for (const std::string token : {"1", "42", "999", "18446744073709551615"}) {
    EXPECT_EQ(base64_decode(base64_encode(token)), std::optional<std::string>(token)) << token;
  }
}

TEST(Base64, RejectsMissingPadding) {
  EXPECT_EQ(base64_decode("Zg"), std::nullopt);
  EXPECT_EQ(base64_decode("Zm8"), std::nullopt);
  EXPECT_EQ(base64_decode("Zm9vYg"), std::nullopt);
}

TEST(Base64, RejectsExtraPadding) {
  EXPECT_EQ(base64_decode("Zm9v===="), std::nullopt);
  EXPECT_EQ(base64_decode("Zg==="), std::nullopt);
  EXPECT_EQ(base64_decode("===="), std::nullopt);
}

TEST(Base64, RejectsNonZeroBitsBehindThePadding) {
  // "Zh==" and "Zm9=" decode to the same bytes as "Zg==" and "Zm8=" in lenient decoders.
  EXPECT_EQ(base64_decode("Zh=="), std::nullopt);
  EXPECT_EQ(base64_decode("Zm9="), std::nullopt);
}

TEST(Base64, RejectsPaddingInsideTheText) {
  EXPECT_EQ(base64_decode("Zg==Zm9v"), std::nullopt);
  EXPECT_EQ(base64_decode("Z=9v"), std::nullopt);
}

TEST(Base64, RejectsCharactersOutsideTheAlphabet) {
  EXPECT_EQ(base64_decode("Zm9v!!!!"), std::nullopt);
  EXPECT_EQ(base64_decode("-_8="), std::nullopt);  // base64url
  EXPECT_EQ(base64_decode(std::string("Zm\0v", 4)), std::nullopt);
}

TEST(Base64, RejectsWhitespace) {
  EXPECT_EQ(base64_decode(" Zm9v"), std::nullopt);
  EXPECT_EQ(base64_decode("Zm9v\n"), std::nullopt);
  EXPECT_EQ(base64_decode("    Zm9v"), std::nullopt);
  EXPECT_EQ(base64_decode("Zm9v    "), std::nullopt);
  EXPECT_EQ(base64_decode("Zm 9vYmF"), std::nullopt);
  EXPECT_EQ(base64_decode("    "), std::nullopt);
}

TEST(Base64, RejectsTheEmptyString) {
  // Tokens have a minimum length of 1 (spec §2), so no token decodes from "".
  EXPECT_EQ(base64_decode(""), std::nullopt);
}

}  // namespace
}  // namespace ccemu
