// Where the shipped schemas are, for a ccemu started without --schema-dir.
//
// Found relative to the executable, so a binary that is installed (PREFIX/bin/ccemu beside
// PREFIX/share/ccemu/schema) or moved together with its share/ folder still finds them; a
// binary run from its build tree falls back to the checkout it was built from.
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

namespace ccemu {

// The folders looked at, in order: <executable's folder>/../share/ccemu/schema, then
// `checkout_schema_dir`.
std::vector<std::filesystem::path> shipped_schema_candidates(
    const std::filesystem::path& executable, const std::filesystem::path& checkout_schema_dir);

// The first candidate that is a folder, or nullopt.
std::optional<std::filesystem::path> find_shipped_schema_dir(
    const std::vector<std::filesystem::path>& candidates);

// This process's executable (/proc/self/exe), or an empty path when it cannot be read.
std::filesystem::path current_executable();

}  // namespace ccemu
