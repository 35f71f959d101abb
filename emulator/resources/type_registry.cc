#include "resources/type_registry.h"

#include <fnmatch.h>

#include <algorithm>
#include <fstream>

#include "common/json_limits.h"
#include "resources/hook_registry.h"
#include "resources/read_only_values.h"

namespace ccemu::resources {

namespace {

// Start-up (or first use), not the first create, says when a read-only value cannot be generated.
void check_read_only_values(const schema::ResourceSchema& schema,
                            const std::filesystem::path& file) {
  const std::string account = "123456789012", region = "us-east-1";
  IdGenerator ids(0);
  const GenerationContext ctx{schema.type_name(), account, region, ids};
  const SchemaResolver resolve = [&](const nlohmann::json& node) -> const nlohmann::json& {
    return schema.resolve(node);
  };
  for (const auto& pointer : schema.read_only()) {
    if (pointer.parent_pointer().empty()) {
      // A pointer naming no property (some schemas list "/properties/A.B") needs no value.
      const nlohmann::json* property = schema.property_schema(pointer);
      if (property != nullptr &&
          !generate_read_only_value(pointer.back(), *property, ctx, resolve)) {
        throw schema::SchemaLoadError(
            file.string() + ": cannot generate a value for read-only property " + pointer.back() +
            " of " + schema.type_name() + " that satisfies its schema");
      }
    }
  }
}

std::string source_name(TypeRegistry::Source source) {
  switch (source) {
    case TypeRegistry::Source::kBundle:
      return "the registry bundle";
    case TypeRegistry::Source::kShipped:
      return "the shipped schemas";
    case TypeRegistry::Source::kUser:
      break;
  }
  return "--schema-dir";
}

}  // namespace

std::optional<ResourceType> TypeRegistry::load_file(const std::filesystem::path& file,
                                                    schema::Strictness strictness,
                                                    bool throw_on_failure) const {
  try {
    auto loaded = schema::ResourceSchema::load(file, strictness);
    check_read_only_values(*loaded, file);
    return ResourceType{loaded, hooks_for(loaded->type_name())};
  } catch (const schema::SchemaLoadError& e) {
    if (throw_on_failure || !report_) throw;
    report_(e.what());
    return std::nullopt;
  }
}

TypeRegistry::Entry* TypeRegistry::place(const std::string& type_name, Source source,
                                         std::string file, schema::Strictness strictness,
                                         bool lazy) {
  auto& slot = entries_[type_name];
  if (slot && slot->source == source) {
    throw schema::SchemaLoadError(file + ": typeName " + type_name + " is already defined by " +
                                  slot->file);
  }
  if (slot && slot->source > source) return nullptr;  // a later source already overrides it
  slot = std::make_unique<Entry>();
  slot->source = source;
  slot->file = std::move(file);
  slot->strictness = strictness;
  slot->lazy = lazy;
  return slot.get();
}

void TypeRegistry::load_directory(const std::filesystem::path& directory,
                                  schema::Strictness strictness, Source source) {
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
    auto type = load_file(file, strictness, false);
    if (!type) continue;
    if (Entry* entry = place(type->schema->type_name(), source, file.string(), strictness, false)) {
      entry->type = std::move(type);
    }
  }
}

void TypeRegistry::add_bundle(const std::filesystem::path& directory,
                              schema::Strictness strictness) {
  const std::filesystem::path index_file = directory / "index.json";
  std::ifstream in(index_file);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string error;
  auto index = in ? parse_bounded_json(text, error) : std::nullopt;
  if (!in) error = "cannot be read";
  if (index && !(index->is_object() && index->value("format", "") == "ccemu-registry-bundle" &&
                 index->contains("types") && (*index)["types"].is_object())) {
    error = "not a ccemu registry bundle index";
    index.reset();
  }
  if (!index) throw schema::SchemaLoadError(index_file.string() + ": " + error);
  for (const auto& [type_name, file] : (*index)["types"].items()) {
    if (!file.is_string()) {
      throw schema::SchemaLoadError(index_file.string() + ": " + type_name + " names no file");
    }
    place(type_name, Source::kBundle, (directory / file.get<std::string>()).string(), strictness,
          true);
  }
}

void TypeRegistry::keep_only(const std::vector<std::string>& patterns) {
  std::erase_if(entries_, [&](const auto& item) {
    return std::none_of(patterns.begin(), patterns.end(), [&](const std::string& pattern) {
      return fnmatch(pattern.c_str(), item.first.c_str(), 0) == 0;
    });
  });
}

void TypeRegistry::load_all() {
  for (auto& [name, entry] : entries_) {
    if (entry->lazy) {
      std::call_once(entry->once,
                     [&] { entry->type = load_file(entry->file, entry->strictness, true); });
    }
  }
}

const ResourceType* TypeRegistry::find(const std::string& type_name) const {
  auto it = entries_.find(type_name);
  if (it == entries_.end()) return nullptr;
  const Entry& entry = *it->second;
  if (entry.lazy) {
    std::call_once(entry.once, [&] {
      entry.type = load_file(entry.file, entry.strictness, false);
      if (entry.type && entry.type->schema->type_name() != type_name) {
        if (report_) {
          report_(entry.file + ": typeName " + entry.type->schema->type_name() + " is not the " +
                  type_name + " that " + source_name(entry.source) + " lists");
        }
        entry.type.reset();
      }
    });
  }
  return entry.type ? &*entry.type : nullptr;
}

std::vector<std::string> TypeRegistry::type_names() const {
  std::vector<std::string> names;
  for (const auto& [name, entry] : entries_) names.push_back(name);
  return names;
}

}  // namespace ccemu::resources
