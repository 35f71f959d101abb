// TypeRegistry: the resource types ccemu serves, loaded at start from schema directories.
//
// Thread-safety: immutable after load_directory(); shared by all request threads.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "resources/type_hooks.h"
#include "schema/resource_schema.h"

namespace ccemu::resources {

// A served type: its schema plus its hooks.
struct ResourceType {
  std::shared_ptr<const schema::ResourceSchema> schema;
  std::shared_ptr<const TypeHooks> hooks;
};

class TypeRegistry {
 public:
  // Loads every *.json file in `directory`. Throws schema::SchemaLoadError naming the file when one
  // cannot be used or when two files declare the same typeName.
  void load_directory(const std::filesystem::path& directory, schema::Strictness strictness);

  // nullptr when the type is not served.
  const ResourceType* find(const std::string& type_name) const;
  std::vector<std::string> type_names() const;

 private:
  std::map<std::string, ResourceType> types_;
  std::map<std::string, std::filesystem::path> sources_;
};

}  // namespace ccemu::resources
