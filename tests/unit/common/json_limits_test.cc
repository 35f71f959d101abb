// Client JSON guards (common/json_limits.h): what parse_bounded_json refuses instead of throwing or
// reading past.
#include "common/json_limits.h"

#include <gtest/gtest.h>

#include <string>

namespace ccemu {
namespace {

using namespace std::string_literals;

TEST(JsonLimits, ParsesAnObject) {
  std::string error;
  auto parsed = parse_bounded_json(R"({"a":[1,"\u0000"]})", error);
  ASSERT_TRUE(parsed.has_value()) << error;
  EXPECT_EQ((*parsed)["a"][1], "\0"s);
}

TEST(JsonLimits, NumberBeyondADoubleIsNotJson) {
  std::string error;
  EXPECT_FALSE(parse_bounded_json(R"({"MaxResults":1e400})", error).has_value());
  EXPECT_NE(error.find("number overflow"), std::string::npos) << error;
}

TEST(JsonLimits, RawNulByteIsNotJsonEvenAfterAWholeValue) {
  std::string error;
  EXPECT_FALSE(parse_bounded_json("{}\0{garbage"s, error).has_value());
  EXPECT_EQ(error, "JSON text holds a NUL byte");
}

TEST(JsonLimits, NestingDeeperThanTheLimitIsNotJson) {
  std::string error;
  const std::string deep =
      std::string(kMaxJsonDepth + 1, '[') + std::string(kMaxJsonDepth + 1, ']');
  EXPECT_FALSE(parse_bounded_json(deep, error).has_value());
  EXPECT_EQ(error, "JSON nests deeper than 64 levels");
  const std::string at_limit = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  EXPECT_TRUE(parse_bounded_json(at_limit, error).has_value()) << error;
}

}  // namespace
}  // namespace ccemu
