// CRC-32C (Castagnoli), the checksum of journal records (store/journal.h).
//
// Thread-safety: a pure function over its argument.
#pragma once

#include <cstdint>
#include <string_view>

namespace ccemu {

uint32_t crc32c(std::string_view data);

}  // namespace ccemu
