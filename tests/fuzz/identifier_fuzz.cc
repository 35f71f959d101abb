// Fuzzes identifier parsing (plain and JSON forms). Invariant: a value or an ApiError, nothing
// else.
#include <cstdint>
#include <string>

#include "cloudcontrol/identifier.h"
#include "common/api_error.h"
#include "fuzz_environment.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto& schema = ccemu::fuzz::environment().connector_profile();
  try {
    ccemu::cloudcontrol::canonical_identifier(
        schema, std::string(reinterpret_cast<const char*>(data), size));
  } catch (const ccemu::ApiError&) {
  }
  return 0;
}
