// IdGenerator: RequestTokens, request ids and random suffixes. Seeded for reproducible runs.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>

namespace ccemu {

class IdGenerator {
 public:
  // With a seed every sequence of calls yields the same ids; without one, ids are random.
  explicit IdGenerator(std::optional<uint64_t> seed = std::nullopt);

  // A version-4 UUID in lower-case canonical form, the shape AWS uses for RequestTokens.
  std::string uuid();
  // `length` characters from [A-Za-z0-9], like Secrets Manager's ARN suffix.
  std::string alphanumeric(size_t length);
  // `length` characters drawn from `alphabet` (not empty), like AWS ids ("vpc-" + 17 hex digits).
  std::string from_alphabet(std::string_view alphabet, size_t length);
  // A number in [0, 1), for decisions that must repeat under a seed (fault probabilities).
  double uniform();

  // How many values the sequence has given so far.
  uint64_t drawn();
  // Under a seed, moves the sequence on until it has given `drawn` values, so a restart that
  // skips what the run before it drew goes on with new ids rather than repeating them (its
  // RequestTokens would name the restored requests). Unseeded ids are random: nothing to do.
  void skip_to(uint64_t drawn);

 private:
  uint64_t next();  // REQUIRES: mu_ held.

  const bool seeded_;
  std::mutex mu_;
  std::mt19937_64 engine_;  // Guarded by mu_.
  uint64_t drawn_ = 0;      // Guarded by mu_.
};

}  // namespace ccemu
