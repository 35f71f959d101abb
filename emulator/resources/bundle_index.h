// BundleIndex: the registry bundle's index.json (schema/registry/), read at every start.
//
// The index is one JSON object: "format" must be "ccemu-registry-bundle" and "types" maps each
// type name to its schema file, relative to the index. Start-up reads only that map, and without
// building a JSON tree: a scan takes the names and files as views into the file's bytes. An index
// the scan does not take as it is (escaped or non-ASCII strings, names out of order or repeated,
// anything malformed) goes through nlohmann's parser instead, which gives the same pairs or says
// what is wrong in its words.
#pragma once

#include <deque>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "common/file_bytes.h"

namespace ccemu::resources {

class BundleIndex {
 public:
  using Visitor = std::function<void(std::string_view type_name, std::string_view file)>;

  // Reads `file` and calls `each` for every type it lists, by name; throws
  // schema::SchemaLoadError ("FILE: REASON") when it is not a bundle index. The views stay valid
  // as long as this object.
  BundleIndex(const std::filesystem::path& file, const Visitor& each);

 private:
  std::optional<FileBytes> bytes_;
  std::deque<std::string> decoded_;  // names and files nlohmann's parser gave
};

}  // namespace ccemu::resources
