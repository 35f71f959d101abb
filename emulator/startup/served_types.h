// The resource types ccemu serves for a Config (README "Any CloudFormation resource type"): the
// registry bundle and the shipped schemas found beside the executable (shipped_schema.h), then
// every --schema-dir, narrowed by --types. Unless --strict-schemas, a schema that cannot be served
// is reported on stderr ("ccemu: schema skipped: FILE: REASON") and the others are served.
#pragma once

#include <filesystem>
#include <memory>

#include "resources/type_registry.h"
#include "startup/config.h"

namespace ccemu {

// Throws std::runtime_error saying what could not be found or loaded.
std::unique_ptr<resources::TypeRegistry> load_served_types(
    const Config& config, const std::filesystem::path& checkout_schema_dir);

}  // namespace ccemu
