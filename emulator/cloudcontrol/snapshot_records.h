// The part of a version-2 snapshot file beyond resources: requests, Cloud Control ClientTokens
// and AppFlow clientTokens, as JSON members (README "State and snapshots"):
//
//   "requests": [{"account", "region", "type", "token", "identifier", "operation", "status",
//                 "event_ms", "created_ms", "home_region"?, "error_code"?, "message"?,
//                 "pending"?: {"outcome", "error_code"?, "message"?, "model"?, "polls_left",
//                              "due_ms"?}}, ...]                              oldest first
//   "client_tokens": [{"account", "region", "token", "fingerprint", "request_token", "used_ms"}]
//   "appflow_client_tokens": [{"account", "region", "token", "fingerprint", "type", "identifier",
//                              "model", "created_ms", "updated_ms", "tags"?, "used_ms"}]
//
// They are written from, and read back into, the StateChanges that rebuild them
// (cloudcontrol/state_change.h), so a snapshot and a journal restore the same way.
//
// Thread-safety: free functions over the caller's values.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cloudcontrol/state_change.h"
#include "resources/type_registry.h"

namespace ccemu::cloudcontrol {

// The members above, each preceded by a comma, from PutRequest, RememberClientToken and
// RememberImmediateToken changes (others are ignored).
std::string snapshot_records(const std::vector<StateChange>& records);

// The changes the members of `dump` describe (none when absent). Throws ApiError kValidation
// naming the first malformed entry.
std::vector<StateChange> read_snapshot_records(const nlohmann::json& dump,
                                               const resources::TypeRegistry& types);

}  // namespace ccemu::cloudcontrol
