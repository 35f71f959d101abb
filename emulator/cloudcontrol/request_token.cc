#include "cloudcontrol/request_token.h"

#include <cstring>

namespace ccemu::cloudcontrol {
namespace {

constexpr char kHex[] = "0123456789abcdef";

bool is_dash_at(size_t at) { return at == 8 || at == 13 || at == 18 || at == 23; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

std::optional<RequestToken> RequestToken::parse(std::string_view text) {
  if (text.size() != 36) return std::nullopt;
  RequestToken token;
  size_t byte = 0;
  for (size_t at = 0; at < text.size();) {
    if (is_dash_at(at)) {
      if (text[at++] != '-') return std::nullopt;
      continue;
    }
    const int high = hex_value(text[at]), low = hex_value(text[at + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    token.bytes_[byte++] = static_cast<uint8_t>(high << 4 | low);
    at += 2;
  }
  return token;
}

RequestToken RequestToken::from_bytes(std::string_view bytes) {
  RequestToken token;
  std::memcpy(token.bytes_.data(), bytes.data(), kSize);
  return token;
}

std::string RequestToken::text() const {
  std::string text;
  text.reserve(36);
  for (size_t i = 0; i < kSize; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
    text += kHex[bytes_[i] >> 4];
    text += kHex[bytes_[i] & 0x0f];
  }
  return text;
}

uint64_t RequestToken::hash() const {
  uint64_t value;
  std::memcpy(&value, bytes_.data(), sizeof value);
  return value;
}

}  // namespace ccemu::cloudcontrol
