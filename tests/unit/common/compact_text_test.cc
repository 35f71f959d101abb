// CompactText (common/compact_text.h): text kept inline up to 15 bytes, on the heap beyond.
#include "common/compact_text.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

namespace ccemu {
namespace {

TEST(CompactText, KeepsTextOfEveryLengthAroundTheInlineLimit) {
  for (size_t length : {0, 1, 14, 15, 16, 17, 300}) {
    std::string text(length, 'x');
    if (length > 0) text.back() = '\xff';  // a byte that looks like the on-heap marker
    const CompactText kept(text);
    EXPECT_EQ(kept.view(), text) << length;
  }
}

TEST(CompactText, CopiesMovesAndAssignsKeepTheirText) {
  const std::string longer = "arn:aws:iam::123456789012:role/a-role-name-longer-than-15";
  CompactText a(longer), b("short");
  CompactText copy = a;
  EXPECT_EQ(copy.view(), longer);
  CompactText moved = std::move(copy);
  EXPECT_EQ(moved.view(), longer);
  b = a;
  EXPECT_EQ(b.view(), longer);
  a = CompactText("tiny");
  EXPECT_EQ(a.view(), "tiny");
  EXPECT_EQ(b.view(), longer);
}

}  // namespace
}  // namespace ccemu
