// ValueRecipes: how AWS makes a type's read-only values (ARNs, ids, derived values), as data.
//
// schema/values/recipes.jsonl (made by scripts/update-value-recipes from AWS's ARN formats, the
// registry bundle and schema/values/overrides.json) holds one JSON line per type, sorted by type
// name. The file is read on the first lookup, not at start-up, and a type's line is parsed when
// that type is loaded (TypeRegistry, once per type).
//
// Thread-safety: find() may be called from any thread; the file is read once under `once_`, and
// nothing changes afterwards.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ccemu::resources {

// One type's recipe.
struct ValueRecipe {
  // The type's ARN has no region (IAM, CloudFront, Route 53, ...): one set of resources per
  // account, seen from every region.
  bool global = false;
  // Top-level property -> template (a string, or an object/array of them; see value_template.h).
  std::vector<std::pair<std::string, nlohmann::json>> values;
};

class ValueRecipes {
 public:
  explicit ValueRecipes(std::filesystem::path file) : file_(std::move(file)) {}

  // The recipe of `type_name`, or nullptr when the file has none (or cannot be read).
  std::shared_ptr<const ValueRecipe> find(std::string_view type_name) const;

 private:
  void read() const;

  std::filesystem::path file_;
  mutable std::once_flag once_;
  mutable std::string text_;                     // the file, set under once_
  mutable std::vector<std::string_view> lines_;  // lines of text_, in type order
};

}  // namespace ccemu::resources
