// CloudControlService's whole-state operations: dumps for the admin API and snapshot files, loads,
// the request ledger as a list, and change notification (service.h).
#include <malloc.h>

#include <algorithm>
#include <utility>

#include "cloudcontrol/service.h"

namespace ccemu::cloudcontrol {

std::string CloudControlService::export_state(WriteOnlyValues values) {
  std::vector<store::ResourceStore::ScopeResources> scopes;
  {
    std::lock_guard lock(mu_);
    settle();
    scopes = store_.snapshot();
  }
  return dump_state(scopes, types_, values);
}

void CloudControlService::import_state(nlohmann::json&& dump) {
  // Checked and built without the lock: only the swap makes it visible. A hand-written dump may
  // lack read-only values (ARNs); they are made as a create would make them, except an
  // identifier, which is the dump's key.
  const int64_t now_ms = clock_.now_ms();
  store::ResourceStore loaded =
      load_state(dump, types_, now_ms, [&](const store::Scope& scope, nlohmann::json& model) {
        const resources::ResourceType& type = *types_.find(scope.type_name);
        nlohmann::json generated = model;
        generate_read_only(type, {scope.account, scope.region}, now_ms, generated);
        const auto& identifiers = type.schema->primary_identifier();
        for (const auto& pointer : type.schema->read_only()) {
          if (std::find(identifiers.begin(), identifiers.end(), pointer) != identifiers.end()) {
            continue;
          }
          if (!model.contains(pointer) && generated.contains(pointer)) {
            model[pointer] = generated[pointer];
          }
        }
      });
  // The dump's tree takes several times the memory of the text now stored: free it, and the
  // replaced store, then hand the freed pages back to the system (glibc keeps them otherwise).
  dump = nullptr;
  store::ResourceStore replaced;
  {
    std::lock_guard lock(mu_);
    replaced = std::exchange(store_, std::move(loaded));
    ledger_.clear();
    note_change();
  }
  replaced.clear();
  ::malloc_trim(0);
}

std::vector<std::pair<Caller, ProgressEvent>> CloudControlService::requests() {
  std::lock_guard lock(mu_);
  settle();
  std::vector<std::pair<Caller, ProgressEvent>> all;
  for (const ResourceRequest& request : ledger_.all()) {
    all.emplace_back(Caller{request.scope->account, request.scope->region}, request.event());
  }
  return all;
}

std::vector<std::pair<store::Scope, size_t>> CloudControlService::resource_counts() {
  std::lock_guard lock(mu_);
  settle();
  return store_.counts();
}

void CloudControlService::set_change_listener(std::function<void()> listener) {
  change_listener_ = std::move(listener);
}

void CloudControlService::note_change() {
  if (change_listener_) change_listener_();
}

}  // namespace ccemu::cloudcontrol
