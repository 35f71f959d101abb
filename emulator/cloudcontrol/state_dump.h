// State dumps: every resource of a ResourceStore as one JSON document, and back (README "State and
// snapshots").
//
//   {"format": "ccemu-state", "version": 1,
//    "resources": {"<account>": {"<region>": {"<TypeName>": {"<identifier>": {<model>}}}}}}
//
// Snapshot files are version 2: the same, plus "journal" (the journal generation that follows,
// store/journal.h), "ids_drawn" (IdGenerator::drawn(), which a --seed restart skips), "meta":
// [[account, region, type, identifier, created_ms, updated_ms, {tags}]], and the requests and
// client tokens (cloudcontrol/snapshot_records.h). Both versions load.
//
// The admin API shows dumps with write-only values masked; snapshot files keep them, so updates
// work after a restart. Dumps are assembled from the stored text (store/stored_model.h) with no
// model parsed or serialized. Loading checks the whole document before anything is built.
//
// Thread-safety: free functions over the caller's objects; the caller holds whatever guards them.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/json_limits.h"
#include "resources/type_registry.h"
#include "store/resource_store.h"

namespace ccemu::cloudcontrol {

enum class WriteOnlyValues { kMasked, kIncluded };

// What a masked dump shows in place of each write-only value.
inline constexpr char kWriteOnlyMarker[] = "***";

// Dumps reach a few levels deeper than the models they wrap.
inline constexpr int kStateDumpMaxDepth = kMaxJsonDepth + 5;

// The dump of `scopes` (in store order: ResourceStore::snapshot()), as JSON text. With
// `snapshot_members` (text of further members, each preceded by a comma), a version-2 snapshot:
// also "meta" (every resource's times and tags) and those members.
std::string dump_state(const std::vector<store::ResourceStore::ScopeResources>& scopes,
                       const resources::TypeRegistry& types, WriteOnlyValues values,
                       const std::string* snapshot_members = nullptr);

// Fills in what a hand-written model may lack (read-only values) before it is checked.
using ModelCompleter = std::function<void(const store::Scope& scope, nlohmann::json& model)>;

// The store a dump describes; its resources count as created at `loaded_ms`. Throws ApiError
// kValidation naming the first problem: not the format above, an account that is not 12 digits, a
// malformed region, a type not served, a model that fails its schema or whose identifier is not its
// key, or a write-only marker from a masked dump.
store::ResourceStore load_state(const nlohmann::json& dump, const resources::TypeRegistry& types,
                                int64_t loaded_ms, const ModelCompleter& complete = nullptr);

}  // namespace ccemu::cloudcontrol
