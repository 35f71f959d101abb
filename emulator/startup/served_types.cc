#include "startup/served_types.h"

#include <iostream>
#include <stdexcept>

#include "startup/shipped_schema.h"

namespace ccemu {

std::unique_ptr<resources::TypeRegistry> load_served_types(
    const Config& config, const std::filesystem::path& checkout_schema_dir) {
  using Source = resources::TypeRegistry::Source;
  const auto candidates = shipped_schema_candidates(current_executable(), checkout_schema_dir);
  const auto shipped = find_shipped_schema_dir(candidates);
  if (!shipped && config.schema_dirs.empty()) {
    std::string looked;
    for (const auto& candidate : candidates) looked += " " + candidate.string();
    throw std::runtime_error("cannot find the shipped schemas; looked in" + looked +
                             ". Pass --schema-dir DIR.");
  }
  resources::SkipReporter report;
  if (!config.strict_schemas) {
    report = [](const std::string& message) {
      std::cerr << "ccemu: schema skipped: " << message << "\n";
    };
  }
  auto types = std::make_unique<resources::TypeRegistry>(std::move(report));
  try {
    if (shipped) {
      if (std::filesystem::exists(*shipped / "values" / "recipes.jsonl")) {
        types->set_value_recipes(*shipped / "values" / "recipes.jsonl");
      }
      if (std::filesystem::exists(*shipped / "registry" / "index.json")) {
        types->add_bundle(*shipped / "registry", schema::Strictness::kWrapper);
      }
      types->load_directory(*shipped, schema::Strictness::kWrapper, Source::kShipped);
    }
    for (const auto& directory : config.schema_dirs) {
      types->load_directory(directory, schema::Strictness::kWrapper, Source::kUser);
    }
    if (!config.type_patterns.empty()) types->keep_only(config.type_patterns);
    if (config.strict_schemas) types->load_all();
  } catch (const schema::SchemaLoadError& e) {
    throw std::runtime_error(std::string("cannot load schemas: ") + e.what());
  }
  return types;
}

}  // namespace ccemu
