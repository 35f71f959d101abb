// TypeHooks: the hand-written behaviour of one resource type, beyond what its schema says.
//
// A type without hooks gets the defaults below. To give a type its own behaviour, write one file
// that subclasses TypeHooks and add one line to resources/hook_registry.cc;
// connector_profile_hooks.cc is the worked example. Hooks are stateless and called with the service
// lock held.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "common/id_generator.h"

namespace ccemu::resources {

using nlohmann::json;

// Who is creating the resource, and when.
struct HookContext {
  const std::string& account;
  const std::string& region;
  int64_t now_ms;
  IdGenerator& ids;
};

class TypeHooks {
 public:
  virtual ~TypeHooks() = default;

  // Sets the read-only properties the service generates on create (ARNs and the like). Runs once,
  // after schema validation; values are kept unchanged by later updates.
  virtual void generate_read_only(json& /*model*/, const HookContext& /*ctx*/) const {}

  // The service API's own rules behind the schema (validation level "service", design.md). Returns
  // the StatusMessage of a FAILED InvalidRequest event, or nullopt when the model passes.
  virtual std::optional<std::string> check_service_rules(const json& /*model*/) const {
    return std::nullopt;
  }
};

}  // namespace ccemu::resources
