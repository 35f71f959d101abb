// TypeRegistry: the resource types ccemu serves.
//
// Types come from three sources; for a type two sources share, the later one wins:
//   kBundle   the registry bundle (schema/registry/: index.json plus one schema file per type),
//             indexed at start; a type's schema is parsed and compiled on its first use, once;
//   kShipped  the shipped schemas (schema/*.json, e.g. ConnectorProfile with its hooks), also
//             compiled on first use;
//   kUser     every --schema-dir.
// Two files of one source that name one type are an error.
//
// A schema that cannot be used is, under a SkipReporter, reported once (file and reason) and left
// out, so the others are still served; without one, loading throws schema::SchemaLoadError.
//
// Storage: bundled names and files are views into the bundle's index as read (bundle_index.h);
// other names and paths live in a deque of strings; entries in a deque (they hold once_flags,
// which never move), found through a sorted index. An idle ccemu is meant to be small, and its
// start is meant to be fast: 1,665 bundled types are placed without copying a name.
//
// Thread-safety: the add_* calls, keep_only() and load_all() happen before serving. Afterwards
// find() and type_names() may be called from any thread: each bundled type is loaded under its
// own std::once_flag, and nothing else changes.
#pragma once

#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "resources/bundle_index.h"
#include "resources/type_hooks.h"
#include "resources/value_recipes.h"
#include "schema/resource_schema.h"

namespace ccemu::resources {

// A served type: its schema, its hooks and how AWS makes its read-only values (null: no recipe).
struct ResourceType {
  std::shared_ptr<const schema::ResourceSchema> schema;
  std::shared_ptr<const TypeHooks> hooks;
  std::shared_ptr<const ValueRecipe> recipe;
  // One set of resources per account, seen from every region (recipe->global).
  bool global() const { return recipe && recipe->global; }
};

// Receives "FILE: REASON" for a schema that is left out.
using SkipReporter = std::function<void(const std::string& message)>;

class TypeRegistry {
 public:
  enum class Source { kBundle, kShipped, kUser };

  TypeRegistry() = default;
  // `report`: where unusable schemas are reported; null makes every load failure throw.
  explicit TypeRegistry(SkipReporter report) : report_(std::move(report)) {}

  // Adds every *.json file in `directory`: kShipped ones are compiled on first use, others now.
  void load_directory(const std::filesystem::path& directory, schema::Strictness strictness,
                      Source source = Source::kUser);
  // Indexes the bundle in `directory` (its index.json); schemas are loaded on first use.
  void add_bundle(const std::filesystem::path& directory, schema::Strictness strictness);
  // Reads value recipes (schema/values/recipes.jsonl) from `file`, on the first type loaded.
  void set_value_recipes(const std::filesystem::path& file);
  // Keeps only the types matching one of `patterns` (shell wildcards: "AWS::AppFlow::*").
  void keep_only(const std::vector<std::string>& patterns);
  // Loads every bundled type now (--strict-schemas); throws on the first that cannot be used.
  void load_all();

  // nullptr when the type is not served (or its schema could not be used).
  const ResourceType* find(std::string_view type_name) const;
  // Every served name, in order; the views live as long as this registry.
  std::vector<std::string_view> type_names() const;

 private:
  struct Entry {
    std::string_view name;
    std::string_view file;         // relative to `directory` when that is set
    const std::string* directory;  // ends with '/'; null: `file` is the whole path
    Source source;
    schema::Strictness strictness;
    bool lazy;  // loaded by find() under `once`
    mutable std::once_flag once;
    mutable std::unique_ptr<const ResourceType> type;  // set at add time (eager) or under `once`
  };
  static std::string path_of(const Entry& entry);
  // A view of `value` that lives as long as this registry.
  std::string_view keep(std::string value);
  // The index position where `type_name` is or would go.
  std::vector<const Entry*>::const_iterator position(std::string_view type_name) const;
  // Adds or replaces the entry for `type_name`: nullptr when a later source already holds it.
  // Throws when one of the same source holds it. `name`, `file` and `directory` must live as long
  // as this registry.
  Entry* place(std::string_view name, Source source, std::string_view file,
               const std::string* directory, schema::Strictness strictness, bool lazy);
  // The type a schema file makes, or nullopt after reporting why it cannot be used.
  std::optional<ResourceType> load_file(const std::filesystem::path& file,
                                        schema::Strictness strictness, bool throw_on_failure) const;

  SkipReporter report_;
  std::unique_ptr<ValueRecipes> recipes_;  // null: no recipes
  std::deque<BundleIndex> bundles_;        // the bundles' indexes, as read
  std::deque<std::string> kept_;           // other names, files and directories
  std::deque<Entry> entries_;              // every entry ever placed, replaced ones included
  std::vector<const Entry*> index_;        // the served entries, by name
};

}  // namespace ccemu::resources
