#include "resources/hook_registry.h"

#include <functional>
#include <map>

#include "resources/connector_profile_hooks.h"

namespace ccemu::resources {

std::shared_ptr<const TypeHooks> hooks_for(const std::string& type_name) {
  static const std::map<std::string, std::function<std::shared_ptr<const TypeHooks>()>> kHooks = {
      {"AWS::AppFlow::ConnectorProfile", make_connector_profile_hooks},
  };
  auto it = kHooks.find(type_name);
  return it == kHooks.end() ? std::make_shared<TypeHooks>() : it->second();
}

}  // namespace ccemu::resources
