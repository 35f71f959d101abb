// RequestLedger: every resource operation request and every ClientToken, with their expiry (spec
// §4, §5.1).
//
// A request is kept 7 days, so it is kept compact (ResourceRequest): its token as 16 bytes, its
// identifier inline when short, its caller's scope and home as one shared index, and what only
// some requests have (a status message, an error code, the change an unfinished one carries) in
// a block of its own. Status calls get a ProgressEvent rebuilt from these (event()); changes come
// and go as PutRequests (record(), put()), the form the journal and snapshots hold.
//
// Thread-safety: none of its own; CloudControlService guards it with its mutex.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cloudcontrol/request_token.h"
#include "cloudcontrol/state_change.h"
#include "cloudcontrol/types.h"
#include "common/compact_text.h"
#include "store/resource_store.h"

namespace ccemu::cloudcontrol {

// Requests are kept 7 days; client tokens 36 hours (spec §3.7, §5.1).
inline constexpr int64_t kRequestLifetimeMs = 7LL * 24 * 3600 * 1000;
inline constexpr int64_t kClientTokenLifetimeMs = 36LL * 3600 * 1000;

// One request as the ledger keeps it (64 bytes, so a deque block holds 8).
struct ResourceRequest {
  // What few requests have: kept apart so a finished, successful request does without.
  struct Detail {
    std::optional<std::string> status_message, error_code;
    std::optional<PendingRecord> pending;  // until the request completes
  };

  RequestToken token;
  int64_t created_ms = 0;
  int64_t event_time_ms = 0;
  CompactText identifier;  // empty until known
  uint32_t placement = 0;  // RequestLedger's (caller's scope, home) pair
  Operation operation = Operation::kCreate;
  OperationStatus status = OperationStatus::kInProgress;
  std::unique_ptr<Detail> detail;  // null when it would be empty

  // The change it carries until complete, else nullptr.
  PendingRecord* pending() const { return detail && detail->pending ? &*detail->pending : nullptr; }
};

class RequestLedger {
 public:
  // Adds `request` when its token is new, else makes the one with that token what `request` says
  // (its status, time, message and pending change).
  void put(PutRequest&& request);
  // The request with that token in the caller's (account, region), or nullptr.
  ResourceRequest* find(const Caller& caller, std::string_view request_token);
  // An unfinished request on that resource, or nullptr (spec §5.2).
  const ResourceRequest* unfinished_on(const store::Scope& scope, const std::string& identifier);
  // Unfinished requests whose due_ms has passed.
  std::vector<ResourceRequest*> due(int64_t now_ms);

  // What a status call shows.
  ProgressEvent event(const ResourceRequest& request) const;
  // The request as a PutRequest change.
  PutRequest record(const ResourceRequest& request) const;
  // The caller's scope, whose account and region the request belongs to.
  const store::Scope& scope_of(const ResourceRequest& request) const;

  struct TokenUse {
    std::string fingerprint;
    std::string request_token;
    int64_t used_ms;
  };
  const TokenUse* find_token(const Caller& caller, const std::string& client_token) const;
  void remember_token(const Caller& caller, const std::string& client_token, TokenUse use);
  // Every remembered token with its caller, oldest use first.
  struct RememberedToken {
    Caller caller;
    std::string client_token;
    const TokenUse* use;
  };
  std::vector<RememberedToken> tokens() const;

  // Requests of the caller's (account, region), newest first, starting below `before_sequence`
  // (all when nullopt), that pass `keep`; at most `limit`. `more` tells whether others follow.
  struct Listed {
    uint64_t sequence;  // for a later page's `before_sequence`
    const ResourceRequest* request;
  };
  template <typename Keep>
  std::vector<Listed> newest_first(const Caller& caller, std::optional<uint64_t> before_sequence,
                                   size_t limit, Keep keep, bool& more) const;

  // Every request, oldest first.
  const std::deque<ResourceRequest>& all() const { return requests_; }

  // Forgets requests and tokens past their lifetime.
  void expire(int64_t now_ms);
  void clear();

 private:
  struct Placement {
    const store::Scope* scope;  // the caller's
    const store::Scope* home;   // where the resource is kept, when not `scope` (a global type)
  };
  static std::string caller_key(const Caller& caller, const std::string& token);
  uint32_t place(const store::Scope& scope, const std::optional<std::string>& home_region);
  const store::Scope& kept_in(const ResourceRequest& request) const;
  void mark_finished(const ResourceRequest& request);
  // The request's position in requests_, by token.
  std::optional<size_t> index_of(const RequestToken& token) const;
  void index_insert(size_t position);
  void index_erase(const RequestToken& token);
  size_t slot_of(const RequestToken& token) const { return token.hash() & (slots_.size() - 1); }

  std::set<store::Scope> scopes_;
  std::vector<Placement> placements_;
  std::map<std::pair<const store::Scope*, const store::Scope*>, uint32_t> placement_ids_;
  std::deque<ResourceRequest> requests_;  // creation order; sequence = first_sequence_ + index
  uint64_t first_sequence_ = 0;
  // Token index: open addressing with linear probing; a slot holds sequence + 1, 0 when free.
  // 8 bytes a slot, where a node-based map would take about 56 a request.
  std::vector<uint64_t> slots_;
  size_t indexed_ = 0;
  std::map<std::pair<const store::Scope*, std::string>, uint64_t> unfinished_;  // -> sequence
  std::map<int64_t, std::vector<uint64_t>> due_;             // due_ms -> sequences
  std::unordered_map<std::string, TokenUse> tokens_;         // caller_key -> use
  std::deque<std::pair<int64_t, std::string>> token_order_;  // (used_ms, key)
};

static_assert(sizeof(ResourceRequest) == 64);

template <typename Keep>
std::vector<RequestLedger::Listed> RequestLedger::newest_first(const Caller& caller,
                                                               std::optional<uint64_t> before,
                                                               size_t limit, Keep keep,
                                                               bool& more) const {
  std::vector<Listed> page;
  more = false;
  size_t end = requests_.size();
  if (before)
    end = *before <= first_sequence_ ? 0 : std::min<uint64_t>(end, *before - first_sequence_);
  for (size_t i = end; i-- > 0;) {
    const ResourceRequest& request = requests_[i];
    const store::Scope& scope = scope_of(request);
    if (scope.account != caller.account || scope.region != caller.region || !keep(request)) {
      continue;
    }
    if (page.size() == limit) {
      more = true;
      break;
    }
    page.push_back({first_sequence_ + i, &request});
  }
  return page;
}

}  // namespace ccemu::cloudcontrol
