// Percent-decoding (common/text.h), lenient for paths and signed query strings, strict for forms.
#include "common/text.h"

#include <gtest/gtest.h>

namespace ccemu {
namespace {

TEST(PercentDecode, DecodesEscapesAndPlusAsSpaceWhenAsked) {
  EXPECT_EQ(percent_decode("a+b%40c%2f", true), "a b@c/");
  EXPECT_EQ(percent_decode("a+b", false), "a+b");
}

TEST(PercentDecode, KeepsAPercentWithoutTwoHexDigits) {
  EXPECT_EQ(percent_decode("100%", true), "100%");
  EXPECT_EQ(percent_decode("%4", true), "%4");
  EXPECT_EQ(percent_decode("%zz%41", true), "%zzA");
}

TEST(PercentDecodeStrict, RefusesAPercentWithoutTwoHexDigits) {
  EXPECT_EQ(percent_decode_strict("a+b%40c", true), "a b@c");
  EXPECT_EQ(percent_decode_strict("", true), "");
  EXPECT_FALSE(percent_decode_strict("100%", true));
  EXPECT_FALSE(percent_decode_strict("%4", true));
  EXPECT_FALSE(percent_decode_strict("%zz", true));
}

}  // namespace
}  // namespace ccemu
