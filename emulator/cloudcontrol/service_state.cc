// CloudControlService's whole-state operations: dumps for the admin API and snapshot files, loads,
// the request ledger as a list, and change notification (service.h).
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

void CloudControlService::import_state(const nlohmann::json& dump) {
  // Checked and built without the lock: only the swap makes it visible.
  store::ResourceStore loaded = load_state(dump, types_);
  std::lock_guard lock(mu_);
  store_ = std::move(loaded);
  ledger_.clear();
  note_change();
}

std::vector<std::pair<Caller, ProgressEvent>> CloudControlService::requests() {
  std::lock_guard lock(mu_);
  settle();
  std::vector<std::pair<Caller, ProgressEvent>> all;
  for (const ResourceRequest& request : ledger_.all()) {
    all.emplace_back(Caller{request.scope.account, request.scope.region}, request.event);
  }
  return all;
}

void CloudControlService::set_change_listener(std::function<void()> listener) {
  change_listener_ = std::move(listener);
}

void CloudControlService::note_change() {
  if (change_listener_) change_listener_();
}

}  // namespace ccemu::cloudcontrol
