// RequestToken: a request's token kept as its 16 bytes rather than its 36 characters: the request
// ledger keeps one per request for 7 days (spec §3.7).
//
// Tokens are version-4 UUIDs in lower-case canonical form (IdGenerator::uuid()); text that is not
// one names no request.
//
// Thread-safety: a plain value.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ccemu::cloudcontrol {

class RequestToken {
 public:
  static constexpr size_t kSize = 16;

  RequestToken() = default;
  // The token `text` spells, or nullopt when it is not a lower-case canonical UUID.
  static std::optional<RequestToken> parse(std::string_view text);
  // The token whose bytes are `bytes`. REQUIRES: bytes.size() == kSize.
  static RequestToken from_bytes(std::string_view bytes);

  // The canonical text, as the wire shows it.
  std::string text() const;
  std::string_view bytes() const {
    return {reinterpret_cast<const char*>(bytes_.data()), bytes_.size()};
  }
  // Version-4 UUIDs are random but for 6 bits: their first 8 bytes make a good hash.
  uint64_t hash() const;

  auto operator<=>(const RequestToken&) const = default;

 private:
  std::array<uint8_t, kSize> bytes_{};
};

}  // namespace ccemu::cloudcontrol
