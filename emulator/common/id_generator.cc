#include "common/id_generator.h"

#include <array>
#include <cstdio>

namespace ccemu {

IdGenerator::IdGenerator(std::optional<uint64_t> seed)
    : engine_(seed ? *seed : std::random_device{}()) {}

std::string IdGenerator::uuid() {
  std::array<uint8_t, 16> bytes;
  {
    std::lock_guard lock(mu_);
    for (size_t i = 0; i < bytes.size(); i += 8) {
      uint64_t word = engine_();
      for (size_t j = 0; j < 8; ++j) bytes[i + j] = static_cast<uint8_t>(word >> (8 * j));
    }
  }
  bytes[6] = (bytes[6] & 0x0f) | 0x40;  // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80;  // RFC 4122 variant
  char text[37];
  std::snprintf(text, sizeof text,
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", bytes[0],
                bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8],
                bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]);
  return text;
}

std::string IdGenerator::alphanumeric(size_t length) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string out(length, '\0');
  std::lock_guard lock(mu_);
  for (char& c : out) c = kAlphabet[engine_() % (sizeof kAlphabet - 1)];
  return out;
}

}  // namespace ccemu
