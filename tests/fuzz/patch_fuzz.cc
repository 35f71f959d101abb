// Fuzzes PatchDocument application against a stored model's read view.
// Invariant: a patched document or an ApiError; the base document is never changed.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "cloudcontrol/patch.h"
#include "common/api_error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const nlohmann::json base = {
      {"ConnectorProfileName", "p1"},
      {"ConnectorType", "Salesforce"},
      {"ConnectionMode", "Public"},
      {"ConnectorProfileArn", "arn:aws:appflow:us-east-1:123456789012:connectorprofile/p1"},
      {"Nested", {{"List", {1, 2, 3}}, {"Map", {{"a~b", "c/d"}}}}}};
  static const nlohmann::json copy = base;
  try {
    ccemu::cloudcontrol::apply_patch(base, std::string(reinterpret_cast<const char*>(data), size));
  } catch (const ccemu::ApiError&) {
  }
  if (base != copy) std::abort();
  return 0;
}
