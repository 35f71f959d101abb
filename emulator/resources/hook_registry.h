// The table of resource types that have hand-written hooks.
#pragma once

#include <memory>
#include <string>

#include "resources/type_hooks.h"

namespace ccemu::resources {

// The hooks registered for `type_name`, or the default (no-op) hooks.
std::shared_ptr<const TypeHooks> hooks_for(const std::string& type_name);

}  // namespace ccemu::resources
