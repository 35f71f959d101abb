#include "startup/shipped_schema.h"

#include <system_error>

namespace ccemu {

std::vector<std::filesystem::path> shipped_schema_candidates(
    const std::filesystem::path& executable, const std::filesystem::path& checkout_schema_dir) {
  std::vector<std::filesystem::path> candidates;
  if (!executable.empty()) {
    candidates.push_back(
        (executable.parent_path() / ".." / "share" / "ccemu" / "schema").lexically_normal());
  }
  candidates.push_back(checkout_schema_dir);
  return candidates;
}

std::optional<std::filesystem::path> find_shipped_schema_dir(
    const std::vector<std::filesystem::path>& candidates) {
  for (const auto& candidate : candidates) {
    std::error_code error;
    if (std::filesystem::is_directory(candidate, error)) return candidate;
  }
  return std::nullopt;
}

std::filesystem::path current_executable() {
  std::error_code error;
  std::filesystem::path executable = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? std::filesystem::path() : executable;
}

}  // namespace ccemu
