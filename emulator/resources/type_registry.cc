#include "resources/type_registry.h"

#include <algorithm>

#include "resources/hook_registry.h"
#include "resources/read_only_values.h"

namespace ccemu::resources {

namespace {

// Start-up, not the first create, says when a read-only value cannot be generated (issue 7).
void check_read_only_values(const schema::ResourceSchema& schema,
                            const std::filesystem::path& file) {
  const std::string account = "123456789012", region = "us-east-1";
  IdGenerator ids(0);
  const GenerationContext ctx{schema.type_name(), account, region, ids};
  for (const auto& pointer : schema.read_only()) {
    if (pointer.parent_pointer().empty()) {
      const nlohmann::json* property = schema.property_schema(pointer);
      if (property == nullptr || !generate_read_only_value(pointer.back(), *property, ctx)) {
        throw schema::SchemaLoadError(
            file.string() + ": cannot generate a value for read-only property " + pointer.back() +
            " of " + schema.type_name() + " that satisfies its schema");
      }
    }
  }
}

}  // namespace

void TypeRegistry::load_directory(const std::filesystem::path& directory,
                                  schema::Strictness strictness) {
  std::error_code error;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json")
      files.push_back(entry.path());
  }
  if (error) {
    throw schema::SchemaLoadError(directory.string() + ": cannot be read: " + error.message());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    auto loaded = schema::ResourceSchema::load(file, strictness);
    const std::string& name = loaded->type_name();
    if (auto seen = sources_.find(name); seen != sources_.end()) {
      throw schema::SchemaLoadError(file.string() + ": typeName " + name +
                                    " is already defined by " + seen->second.string());
    }
    check_read_only_values(*loaded, file);
    sources_[name] = file;
    types_[name] = ResourceType{loaded, hooks_for(name)};
  }
}

const ResourceType* TypeRegistry::find(const std::string& type_name) const {
  auto it = types_.find(type_name);
  return it == types_.end() ? nullptr : &it->second;
}

std::vector<std::string> TypeRegistry::type_names() const {
  std::vector<std::string> names;
  for (const auto& [name, _] : types_) names.push_back(name);
  return names;
}

}  // namespace ccemu::resources
