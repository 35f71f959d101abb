#include "common/id_generator.h"

#include <array>

namespace ccemu {

IdGenerator::IdGenerator(std::optional<uint64_t> seed)
    : seeded_(seed.has_value()), engine_(seed ? *seed : std::random_device{}()) {}

uint64_t IdGenerator::next() {
  ++drawn_;
  return engine_();
}

std::string IdGenerator::uuid() {
  std::array<uint8_t, 16> bytes;
  {
    std::lock_guard lock(mu_);
    for (size_t i = 0; i < bytes.size(); i += 8) {
      uint64_t word = next();
      for (size_t j = 0; j < 8; ++j) bytes[i + j] = static_cast<uint8_t>(word >> (8 * j));
    }
  }
  bytes[6] = (bytes[6] & 0x0f) | 0x40;  // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80;  // RFC 4122 variant
  // Formatted by hand: snprintf showed up in profiles, as one id is made per response.
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text;
  text.reserve(36);
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
    text += kHex[bytes[i] >> 4];
    text += kHex[bytes[i] & 0x0f];
  }
  return text;
}

std::string IdGenerator::alphanumeric(size_t length) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string out(length, '\0');
  std::lock_guard lock(mu_);
  for (char& c : out) c = kAlphabet[next() % (sizeof kAlphabet - 1)];
  return out;
}

std::string IdGenerator::from_alphabet(std::string_view alphabet, size_t length) {
  std::string out(length, '\0');
  std::lock_guard lock(mu_);
  for (char& c : out) c = alphabet[next() % alphabet.size()];
  return out;
}

double IdGenerator::uniform() {
  // The engine's values, counted: the distribution draws as many as it needs.
  struct Counted {
    using result_type = std::mt19937_64::result_type;
    static constexpr result_type min() { return std::mt19937_64::min(); }
    static constexpr result_type max() { return std::mt19937_64::max(); }
    IdGenerator& ids;
    result_type operator()() { return ids.next(); }
  };
  std::lock_guard lock(mu_);
  Counted counted{*this};
  return std::uniform_real_distribution<double>(0.0, 1.0)(counted);
}

uint64_t IdGenerator::drawn() {
  std::lock_guard lock(mu_);
  return drawn_;
}

void IdGenerator::skip_to(uint64_t drawn) {
  std::lock_guard lock(mu_);
  if (!seeded_ || drawn <= drawn_) return;
  engine_.discard(drawn - drawn_);
  drawn_ = drawn;
}

}  // namespace ccemu
