// RequestLedger: every resource operation request (its ProgressEvent and the change it carries)
// and every ClientToken, with their expiry (spec §4, §5.1).
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

#include "cloudcontrol/types.h"
#include "store/resource_store.h"

namespace ccemu::cloudcontrol {

// Requests are kept 7 days; client tokens 36 hours (spec §3.7, §5.1).
inline constexpr int64_t kRequestLifetimeMs = 7LL * 24 * 3600 * 1000;
inline constexpr int64_t kClientTokenLifetimeMs = 36LL * 3600 * 1000;

// What a request does when it completes: decided at submission, shown and applied on completion,
// then dropped.
struct PendingChange {
  OperationStatus outcome = OperationStatus::kSuccess;
  std::optional<std::string> error_code, message;
  store::ModelRef new_model;  // put on SUCCESS; null with SUCCESS means erase

  // When the request completes: after `polls_left` more status polls, or at `due_ms`.
  int polls_left = 0;
  std::optional<int64_t> due_ms;
};

// One request, kept 7 days, so kept small: its type name is its scope's, the scope is shared
// (RequestLedger::scope()), and the change it carries goes once applied.
struct ResourceRequest {
  ProgressEvent progress;               // what a status call shows now, TypeName left empty
  const store::Scope* scope = nullptr;  // the caller's, from RequestLedger::scope()
  // Where the resource is kept when that is not `scope`: a global type's one set per account
  // (CloudControlService::scope_of); also from RequestLedger::scope().
  const store::Scope* home = nullptr;
  int64_t created_ms = 0;
  uint64_t sequence = 0;  // creation order, assigned by add()
  std::unique_ptr<PendingChange> change = std::make_unique<PendingChange>();  // null once complete

  // The store scope the request changes.
  const store::Scope& kept_in() const { return home ? *home : *scope; }
  // What a status call shows: `progress` with its TypeName.
  ProgressEvent event() const;
};

class RequestLedger {
 public:
  // The one shared copy of `scope`, for ResourceRequest::scope; it lives until clear().
  const store::Scope* scope(const store::Scope& scope);
  // REQUIRES: request.scope came from scope(); its request token is unique.
  ResourceRequest& add(ResourceRequest request);
  // The request with that token in the caller's (account, region), or nullptr.
  ResourceRequest* find(const Caller& caller, const std::string& request_token);
  // An unfinished request on that resource, or nullptr (spec §5.2).
  ResourceRequest* unfinished_on(const store::Scope& scope, const std::string& identifier);
  // Marks a request finished: it no longer blocks its resource.
  void mark_finished(const ResourceRequest& request);
  // Unfinished requests whose due_ms has passed.
  std::vector<ResourceRequest*> due(int64_t now_ms);

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
  template <typename Keep>
  std::vector<const ResourceRequest*> newest_first(const Caller& caller,
                                                   std::optional<uint64_t> before_sequence,
                                                   size_t limit, Keep keep, bool& more) const;

  // Every request, oldest first.
  const std::deque<ResourceRequest>& all() const { return requests_; }

  // Forgets requests and tokens past their lifetime.
  void expire(int64_t now_ms);
  void clear();

 private:
  static std::string caller_key(const Caller& caller, const std::string& token);

  std::set<store::Scope> scopes_;
  std::deque<ResourceRequest> requests_;  // creation order; sequence = front's + index
  uint64_t next_sequence_ = 0;
  // Request token -> sequence. Keys view the requests' own tokens: deque elements never move.
  std::unordered_map<std::string_view, uint64_t> by_token_;
  std::map<std::pair<const store::Scope*, std::string>, uint64_t> unfinished_;  // -> sequence
  std::map<int64_t, std::vector<uint64_t>> due_;             // due_ms -> sequences
  std::unordered_map<std::string, TokenUse> tokens_;         // caller_key -> use
  std::deque<std::pair<int64_t, std::string>> token_order_;  // (used_ms, key)
};

template <typename Keep>
std::vector<const ResourceRequest*> RequestLedger::newest_first(const Caller& caller,
                                                                std::optional<uint64_t> before,
                                                                size_t limit, Keep keep,
                                                                bool& more) const {
  std::vector<const ResourceRequest*> page;
  more = false;
  if (requests_.empty()) return page;
  const uint64_t first = requests_.front().sequence;
  size_t end = requests_.size();
  if (before) end = *before <= first ? 0 : std::min<uint64_t>(end, *before - first);
  for (size_t i = end; i-- > 0;) {
    const ResourceRequest& request = requests_[i];
    if (request.scope->account != caller.account || request.scope->region != caller.region ||
        !keep(request)) {
      continue;
    }
    if (page.size() == limit) {
      more = true;
      break;
    }
    page.push_back(&request);
  }
  return page;
}

}  // namespace ccemu::cloudcontrol
