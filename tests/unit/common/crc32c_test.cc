// CRC-32C (common/crc32c.h), checked against published vectors (RFC 3720 B.4, and the "123456789"
// check value of the CRC catalogue), at lengths that exercise both the 8-byte steps and the tail.
#include "common/crc32c.h"

#include <gtest/gtest.h>

#include <string>

namespace ccemu {
namespace {

TEST(Crc32c, MatchesPublishedVectors) {
  EXPECT_EQ(crc32c(""), 0u);
  EXPECT_EQ(crc32c("123456789"), 0xE3069283u);
  EXPECT_EQ(crc32c(std::string(32, '\0')), 0x8A9136AAu);
  EXPECT_EQ(crc32c(std::string(32, '\xff')), 0x62A8AB43u);
  std::string ascending;
  for (int i = 0; i < 32; ++i) ascending += static_cast<char>(i);
  EXPECT_EQ(crc32c(ascending), 0x46DD794Eu);
}

}  // namespace
}  // namespace ccemu
