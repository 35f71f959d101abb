#include "resources/value_recipes.h"

#include <algorithm>
#include <fstream>

namespace ccemu::resources {
namespace {

// Lines start {"type":"<name>", so the name is found without parsing the line.
constexpr std::string_view kTypePrefix = "{\"type\":\"";

std::string_view type_of(std::string_view line) {
  if (!line.starts_with(kTypePrefix)) return {};
  line.remove_prefix(kTypePrefix.size());
  return line.substr(0, line.find('"'));
}

}  // namespace

void ValueRecipes::read() const {
  std::ifstream in(file_);
  text_.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  for (size_t from = 0; from < text_.size();) {
    size_t end = text_.find('\n', from);
    if (end == std::string::npos) end = text_.size();
    if (end > from) lines_.push_back(std::string_view(text_).substr(from, end - from));
    from = end + 1;
  }
  std::sort(lines_.begin(), lines_.end(),
            [](std::string_view a, std::string_view b) { return type_of(a) < type_of(b); });
}

std::shared_ptr<const ValueRecipe> ValueRecipes::find(std::string_view type_name) const {
  std::call_once(once_, [this] { read(); });
  auto at = std::lower_bound(
      lines_.begin(), lines_.end(), type_name,
      [](std::string_view line, std::string_view name) { return type_of(line) < name; });
  if (at == lines_.end() || type_of(*at) != type_name) return nullptr;
  const auto line = nlohmann::json::parse(*at, nullptr, false);
  if (!line.is_object()) return nullptr;
  auto recipe = std::make_shared<ValueRecipe>();
  recipe->global = line.value("global", false);
  if (auto values = line.find("values"); values != line.end() && values->is_object()) {
    for (const auto& [name, value] : values->items()) recipe->values.emplace_back(name, value);
  }
  return recipe;
}

}  // namespace ccemu::resources
