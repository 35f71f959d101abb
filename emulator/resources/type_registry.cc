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

// The JSON document in `file`, or nullopt with `error` saying why not.
std::optional<nlohmann::json> read_json_file(const std::filesystem::path& file,
                                             std::string& error) {
  std::ifstream in(file);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in) {
    error = "cannot be read";
    return std::nullopt;
  }
  return parse_bounded_json(text, error);
}

// The typeName a schema file declares, or nullopt when it is not that simple (loading it says why).
std::optional<std::string> read_type_name(const std::filesystem::path& file) {
  std::string error;
  const auto schema = read_json_file(file, error);
  if (!schema || !schema->is_object()) return std::nullopt;
  const auto type_name = schema->find("typeName");
  if (type_name == schema->end() || !type_name->is_string()) return std::nullopt;
  return type_name->get<std::string>();
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
    return ResourceType{loaded, hooks_for(loaded->type_name()),
                        recipes_ ? recipes_->find(loaded->type_name()) : nullptr};
  } catch (const schema::SchemaLoadError& e) {
    if (throw_on_failure || !report_) throw;
    report_(e.what());
    return std::nullopt;
  }
}

TypeRegistry::TextRun TypeRegistry::add_text(std::string_view value) {
  const TextRun run{static_cast<uint32_t>(text_.size()), static_cast<uint32_t>(value.size())};
  text_ += value;
  return run;
}

std::vector<const TypeRegistry::Entry*>::const_iterator TypeRegistry::position(
    std::string_view type_name) const {
  return std::lower_bound(
      index_.begin(), index_.end(), type_name,
      [this](const Entry* entry, std::string_view name) { return text(entry->name) < name; });
}

TypeRegistry::Entry* TypeRegistry::place(TextRun name, Source source, TextRun file,
                                         schema::Strictness strictness, bool lazy) {
  const std::string_view type_name = text(name);
  auto at = position(type_name);
  const Entry* held = at != index_.end() && text((*at)->name) == type_name ? *at : nullptr;
  if (held != nullptr && held->source == source) {
    throw schema::SchemaLoadError(std::string(text(file)) + ": typeName " + std::string(type_name) +
                                  " is already defined by " + std::string(text(held->file)));
  }
  if (held != nullptr && held->source > source) return nullptr;  // a later source overrides it
  Entry& entry = entries_.emplace_back();
  entry.name = name;
  entry.file = file;
  entry.source = source;
  entry.strictness = strictness;
  entry.lazy = lazy;
  const auto offset = at - index_.begin();
  if (held != nullptr) {
    index_[offset] = &entry;
  } else {
    index_.insert(index_.begin() + offset, &entry);
  }
  return &entry;
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
    // Shipped schemas, like bundled ones, are compiled on first use: only their typeName is read
    // now. A --schema-dir's are compiled now, so their problems show at start-up.
    if (source == Source::kShipped) {
      if (const auto type_name = read_type_name(file)) {
        place(add_text(*type_name), source, add_text(file.string()), strictness, true);
        continue;
      }
    }
    auto type = load_file(file, strictness, false);
    if (!type) continue;
    const TextRun name = add_text(type->schema->type_name());
    if (Entry* entry = place(name, source, add_text(file.string()), strictness, false)) {
      entry->type = std::move(type);
    }
  }
}

void TypeRegistry::add_bundle(const std::filesystem::path& directory,
                              schema::Strictness strictness) {
  const std::filesystem::path index_file = directory / "index.json";
  std::string error;
  auto index = read_json_file(index_file, error);
  if (index && !(index->is_object() && index->value("format", "") == "ccemu-registry-bundle" &&
                 index->contains("types") && (*index)["types"].is_object())) {
    error = "not a ccemu registry bundle index";
    index.reset();
  }
  if (!index) throw schema::SchemaLoadError(index_file.string() + ": " + error);
  // Names and paths go into text_ (one allocation, reserved), and the tree is freed before
  // entries are made: entries allocated among its nodes would keep their pages from going back
  // to the system.
  const nlohmann::json& types = (*index)["types"];
  const std::string prefix = (directory / "").string();
  size_t size = 0;
  for (const auto& [type_name, file] : types.items()) {
    if (!file.is_string()) {
      throw schema::SchemaLoadError(index_file.string() + ": " + type_name + " names no file");
    }
    size += type_name.size() + prefix.size() + file.get_ref<const std::string&>().size();
  }
  text_.reserve(text_.size() + size);
  std::vector<std::pair<TextRun, TextRun>> listed;
  listed.reserve(types.size());
  for (const auto& [type_name, file] : types.items()) {
    const TextRun name = add_text(type_name);
    const TextRun path = add_text(prefix);
    add_text(file.get_ref<const std::string&>());
    listed.emplace_back(name,
                        TextRun{path.begin, static_cast<uint32_t>(text_.size()) - path.begin});
  }
  index.reset();
  index_.reserve(index_.size() + listed.size());
  for (const auto& [name, file] : listed) place(name, Source::kBundle, file, strictness, true);
}

void TypeRegistry::set_value_recipes(const std::filesystem::path& file) {
  recipes_ = std::make_unique<ValueRecipes>(file);
}

void TypeRegistry::keep_only(const std::vector<std::string>& patterns) {
  std::erase_if(index_, [&](const Entry* entry) {
    const std::string name(text(entry->name));
    return std::none_of(patterns.begin(), patterns.end(), [&](const std::string& pattern) {
      return fnmatch(pattern.c_str(), name.c_str(), 0) == 0;
    });
  });
}

void TypeRegistry::load_all() {
  for (const Entry* entry : index_) {
    if (entry->lazy) {
      std::call_once(entry->once, [&] {
        entry->type = load_file(std::string(text(entry->file)), entry->strictness, true);
      });
    }
  }
}

const ResourceType* TypeRegistry::find(const std::string& type_name) const {
  auto at = position(type_name);
  if (at == index_.end() || text((*at)->name) != type_name) return nullptr;
  const Entry& entry = **at;
  if (entry.lazy) {
    std::call_once(entry.once, [&] {
      const std::string file(text(entry.file));
      entry.type = load_file(file, entry.strictness, false);
      if (entry.type && entry.type->schema->type_name() != type_name) {
        if (report_) {
          report_(file + ": typeName " + entry.type->schema->type_name() + " is not the " +
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
  names.reserve(index_.size());
  for (const Entry* entry : index_) names.emplace_back(text(entry->name));
  return names;
}

}  // namespace ccemu::resources
