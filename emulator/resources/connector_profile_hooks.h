// Hooks for AWS::AppFlow::ConnectorProfile: the ARNs AppFlow generates and the AppFlow API rules
// that the registry schema does not express (reference/connectorprofile.md §3-§5).
#pragma once

#include <memory>

#include "resources/type_hooks.h"

namespace ccemu::resources {

std::shared_ptr<const TypeHooks> make_connector_profile_hooks();

}  // namespace ccemu::resources
