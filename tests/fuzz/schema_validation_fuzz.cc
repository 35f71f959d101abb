// Fuzzes schema validation of arbitrary models (DesiredState as clients send it).
// Invariant: validation returns; every clause names a JSON pointer ("#...").
#include <cstdint>
#include <cstdlib>
#include <string>

#include "common/json_limits.h"
#include "fuzz_environment.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto& schema = ccemu::fuzz::environment().connector_profile();
  std::string error;
  auto model =
      ccemu::parse_bounded_json(std::string(reinterpret_cast<const char*>(data), size), error);
  if (!model) return 0;
  for (const auto& clause : schema.validate(*model)) {
    if (!clause.starts_with("#")) std::abort();
  }
  return 0;
}
