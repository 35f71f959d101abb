// The line `ccemu --version` prints about the registry bundle shipped beside the schemas.
//
// The bundle's index (schema/registry/index.json) is read only here, only for --version, so
// start-up never pays for it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace ccemu {

// "registry bundle: <N> types, snapshot <snapshot> (<source>)" when `shipped_schema_dir` holds
// registry/index.json, "registry bundle: none" when it does not (or there is no shipped folder),
// and "registry bundle: unreadable index <path>: <reason>" when the index cannot be used.
std::string describe_registry_bundle(
    const std::optional<std::filesystem::path>& shipped_schema_dir);

}  // namespace ccemu
