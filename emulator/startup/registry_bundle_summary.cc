#include "startup/registry_bundle_summary.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <system_error>

namespace ccemu {

std::string describe_registry_bundle(
    const std::optional<std::filesystem::path>& shipped_schema_dir) {
  const std::string none = "registry bundle: none";
  if (!shipped_schema_dir) return none;
  const std::filesystem::path index = *shipped_schema_dir / "registry" / "index.json";
  std::error_code error;
  if (!std::filesystem::is_regular_file(index, error)) return none;

  const std::string unreadable = "registry bundle: unreadable index " + index.string() + ": ";
  std::ifstream in(index);
  const nlohmann::json document = nlohmann::json::parse(in, nullptr, false);
  if (document.is_discarded()) return unreadable + "not JSON";
  if (!document.is_object() || document.value("format", "") != "ccemu-registry-bundle") {
    return unreadable + "format is not ccemu-registry-bundle";
  }
  const auto types = document.find("types");
  const auto snapshot = document.find("snapshot");
  const auto source = document.find("source");
  if (types == document.end() || !types->is_object()) return unreadable + "no types object";
  if (snapshot == document.end() || !snapshot->is_string() || source == document.end() ||
      !source->is_string()) {
    return unreadable + "snapshot and source must be strings";
  }
  return "registry bundle: " + std::to_string(types->size()) + " types, snapshot " +
         snapshot->get<std::string>() + " (" + source->get<std::string>() + ")";
}

}  // namespace ccemu
