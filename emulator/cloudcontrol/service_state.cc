// CloudControlService's whole-state operations: dumps for the admin API, snapshot files, loads,
// the request ledger as a list (service.h).
#include <malloc.h>

#include <algorithm>
#include <utility>

#include "cloudcontrol/service.h"
#include "cloudcontrol/snapshot_records.h"

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

std::string CloudControlService::export_snapshot(store::Journal& journal) {
  std::vector<store::ResourceStore::ScopeResources> scopes;
  std::vector<StateChange> records;
  uint64_t generation, ids_drawn;
  {
    std::lock_guard lock(mu_);
    settle();
    scopes = store_.snapshot();
    for (const ResourceRequest& request : ledger_.all())
      records.emplace_back(ledger_.record(request));
    for (const auto& token : ledger_.tokens()) {
      records.emplace_back(RememberClientToken{token.caller, token.client_token,
                                               token.use->fingerprint, token.use->request_token,
                                               token.use->used_ms});
    }
    for (const auto& [at_ms, key] : immediate_token_order_) {
      auto it = immediate_tokens_.find(key);
      if (it == immediate_tokens_.end() || it->second.at_ms != at_ms) continue;
      const RememberedToken& token = it->second;
      records.emplace_back(RememberImmediateToken{{std::get<0>(key), std::get<1>(key)},
                                                  std::get<2>(key),
                                                  token.fingerprint,
                                                  token.type_name,
                                                  token.identifier,
                                                  token.model,
                                                  token.meta,
                                                  token.at_ms});
    }
    generation = journal.rotate();
    ids_drawn = ids_.drawn();
  }
  const std::string members = R"(,"journal":)" + std::to_string(generation) + R"(,"ids_drawn":)" +
                              std::to_string(ids_drawn) + snapshot_records(records);
  return dump_state(scopes, types_, WriteOnlyValues::kIncluded, &members);
}

store::ResourceStore CloudControlService::load_dump(const nlohmann::json& dump, int64_t now_ms) {
  // A hand-written dump may lack read-only values (ARNs); they are made as a create would make
  // them, except an identifier, which is the dump's key.
  return load_state(dump, types_, now_ms, [&](const store::Scope& scope, nlohmann::json& model) {
    const resources::ResourceType& type = *types_.find(scope.type_name);
    nlohmann::json generated = model;
    generate_read_only(type, Caller{scope.account, scope.region}, now_ms, generated);
    const auto& identifiers = type.schema->primary_identifier();
    for (const auto& pointer : type.schema->read_only()) {
      if (std::find(identifiers.begin(), identifiers.end(), pointer) != identifiers.end()) continue;
      if (!model.contains(pointer) && generated.contains(pointer))
        model[pointer] = generated[pointer];
    }
  });
}

void CloudControlService::import_state(nlohmann::json&& dump) {
  // Checked and built without the lock; applied (and journaled) as one ChangeSet.
  const int64_t now_ms = clock_.now_ms();
  store::ResourceStore loaded = load_dump(dump, now_ms);
  // The dump's tree takes several times the memory of the text now stored: free it early.
  dump = nullptr;
  {
    // Freed before the trim below, with the journal record made of it.
    ChangeSet set{now_ms, {ResetAll{}}};
    for (auto& [scope, resources] : loaded.snapshot()) {
      for (auto& resource : resources) {
        set.changes.emplace_back(
            PutResource{scope, resource.identifier, resource.model, resource.meta});
      }
    }
    loaded.clear();
    durably([&] { commit(std::move(set)); });
  }
  ::malloc_trim(0);
}

uint64_t CloudControlService::restore_snapshot(nlohmann::json&& dump) {
  const int64_t now_ms = clock_.now_ms();
  store::ResourceStore loaded = load_dump(dump, now_ms);
  std::vector<StateChange> records = read_snapshot_records(dump, types_);
  const uint64_t generation = dump.value("journal", uint64_t{0});
  ids_.skip_to(dump.value("ids_drawn", uint64_t{0}));
  dump = nullptr;
  {
    std::lock_guard lock(mu_);
    apply({now_ms, {ResetAll{}}});
    store_ = std::move(loaded);
    // Applied at their own times: requests and tokens carry them.
    for (StateChange& record : records) apply_change(std::move(record), now_ms);
  }
  ::malloc_trim(0);
  return generation;
}

std::vector<std::pair<Caller, ProgressEvent>> CloudControlService::requests() {
  std::lock_guard lock(mu_);
  settle();
  std::vector<std::pair<Caller, ProgressEvent>> all;
  for (const ResourceRequest& request : ledger_.all()) {
    const store::Scope& scope = ledger_.scope_of(request);
    all.emplace_back(Caller{scope.account, scope.region}, ledger_.event(request));
  }
  return all;
}

std::vector<std::pair<store::Scope, size_t>> CloudControlService::resource_counts() {
  std::lock_guard lock(mu_);
  settle();
  return store_.counts();
}

}  // namespace ccemu::cloudcontrol
