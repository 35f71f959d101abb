// What the admin API and the dashboard show about this ccemu beside its state: version, served
// types, registry bundle, the flags that change behaviour, the default account and region.
#pragma once

#include "http/admin.h"
#include "resources/type_registry.h"
#include "startup/config.h"

namespace ccemu {

// `checkout_schema_dir`: where a binary run from its build finds the shipped schemas.
// REQUIRES: `types` outlives the answer's use.
http::AdminInfo admin_info(const Config& config, const resources::TypeRegistry& types,
                           std::string version, std::filesystem::path checkout_schema_dir);

}  // namespace ccemu
