#include "resources/type_registry.h"

#include <fnmatch.h>

#include <algorithm>

#include "common/file_bytes.h"
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

// Finds the top-level "typeName" string of a JSON object without building its tree (shipped
// schemas are read at every start), as the tree would give it: the last one wins. Any parse error,
// or nesting deeper than parse_bounded_json() allows, stops the parse.
class TypeNameFinder : public nlohmann::json_sax<nlohmann::json> {
 public:
  // The name, when the whole text was a JSON object with a string typeName.
  std::optional<std::string> found() const { return top_is_object_ ? type_name_ : std::nullopt; }

  bool null() override { return other(); }
  bool boolean(bool) override { return other(); }
  bool number_integer(number_integer_t) override { return other(); }
  bool number_unsigned(number_unsigned_t) override { return other(); }
  bool number_float(number_float_t, const string_t&) override { return other(); }
  bool binary(binary_t&) override { return other(); }
  bool string(string_t& text) override {
    if (named_) type_name_ = text;
    named_ = false;
    return true;
  }
  bool key(string_t& name) override {
    named_ = depth_ == 1 && name == "typeName";
    return true;
  }
  bool start_object(std::size_t) override {
    if (depth_ == 0) top_is_object_ = true;
    return open();
  }
  bool start_array(std::size_t) override { return open(); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

 private:
  bool other() {
    if (named_) type_name_.reset();
    named_ = false;
    return true;
  }
  bool open() {
    other();
    return ++depth_ <= kMaxJsonDepth;
  }
  bool close() {
    --depth_;
    return true;
  }

  std::optional<std::string> type_name_;
  int depth_ = 0;
  bool named_ = false;  // the next value is the top-level typeName's
  bool top_is_object_ = false;
};

// The typeName a schema file declares, or nullopt when it is not that simple (loading it says why).
std::optional<std::string> read_type_name(const std::filesystem::path& file) {
  const auto bytes = FileBytes::read(file);
  if (!bytes) return std::nullopt;
  const std::string_view text = bytes->view();
  TypeNameFinder finder;
  if (!nlohmann::json::sax_parse(text.begin(), text.end(), &finder)) return std::nullopt;
  return finder.found();
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

std::string TypeRegistry::path_of(const Entry& entry) {
  std::string path = entry.directory ? *entry.directory : std::string();
  path += entry.file;
  return path;
}

std::string_view TypeRegistry::keep(std::string value) {
  return kept_.emplace_back(std::move(value));
}

std::vector<const TypeRegistry::Entry*>::const_iterator TypeRegistry::position(
    std::string_view type_name) const {
  return std::lower_bound(
      index_.begin(), index_.end(), type_name,
      [](const Entry* entry, std::string_view name) { return entry->name < name; });
}

TypeRegistry::Entry* TypeRegistry::place(std::string_view name, Source source,
                                         std::string_view file, const std::string* directory,
                                         schema::Strictness strictness, bool lazy) {
  auto at = position(name);
  const Entry* held = at != index_.end() && (*at)->name == name ? *at : nullptr;
  if (held != nullptr && held->source == source) {
    throw schema::SchemaLoadError(std::string(directory ? *directory : "") + std::string(file) +
                                  ": typeName " + std::string(name) + " is already defined by " +
                                  path_of(*held));
  }
  if (held != nullptr && held->source > source) return nullptr;  // a later source overrides it
  Entry& entry = entries_.emplace_back();
  entry.name = name;
  entry.file = file;
  entry.directory = directory;
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
        place(keep(*type_name), source, keep(file.string()), nullptr, strictness, true);
        continue;
      }
    }
    auto type = load_file(file, strictness, false);
    if (!type) continue;
    const std::string_view name = keep(type->schema->type_name());
    if (Entry* entry = place(name, source, keep(file.string()), nullptr, strictness, false)) {
      entry->type = std::make_unique<const ResourceType>(std::move(*type));
    }
  }
}

void TypeRegistry::add_bundle(const std::filesystem::path& directory,
                              schema::Strictness strictness) {
  const std::string* prefix = &kept_.emplace_back((directory / "").string());
  bundles_.emplace_back(directory / "index.json",
                        [&](std::string_view type_name, std::string_view file) {
                          place(type_name, Source::kBundle, file, prefix, strictness, true);
                        });
}

void TypeRegistry::set_value_recipes(const std::filesystem::path& file) {
  recipes_ = std::make_unique<ValueRecipes>(file);
}

void TypeRegistry::keep_only(const std::vector<std::string>& patterns) {
  std::erase_if(index_, [&](const Entry* entry) {
    const std::string name(entry->name);
    return std::none_of(patterns.begin(), patterns.end(), [&](const std::string& pattern) {
      return fnmatch(pattern.c_str(), name.c_str(), 0) == 0;
    });
  });
}

void TypeRegistry::load_all() {
  for (const Entry* entry : index_) {
    if (entry->lazy) {
      std::call_once(entry->once, [&] {
        if (auto type = load_file(path_of(*entry), entry->strictness, true)) {
          entry->type = std::make_unique<const ResourceType>(std::move(*type));
        }
      });
    }
  }
}

const ResourceType* TypeRegistry::find(std::string_view type_name) const {
  auto at = position(type_name);
  if (at == index_.end() || (*at)->name != type_name) return nullptr;
  const Entry& entry = **at;
  if (entry.lazy) {
    std::call_once(entry.once, [&] {
      const std::string file = path_of(entry);
      auto type = load_file(file, entry.strictness, false);
      if (type && type->schema->type_name() != type_name) {
        if (report_) {
          report_(file + ": typeName " + type->schema->type_name() + " is not the " +
                  std::string(type_name) + " that " + source_name(entry.source) + " lists");
        }
        type.reset();
      }
      if (type) entry.type = std::make_unique<const ResourceType>(std::move(*type));
    });
  }
  return entry.type.get();
}

std::vector<std::string_view> TypeRegistry::type_names() const {
  std::vector<std::string_view> names;
  names.reserve(index_.size());
  for (const Entry* entry : index_) names.emplace_back(entry->name);
  return names;
}

}  // namespace ccemu::resources
