#include "cloudcontrol/request_ledger.h"

#include <algorithm>

namespace ccemu::cloudcontrol {

std::string RequestLedger::caller_key(const Caller& caller, const std::string& token) {
  return caller.account + '\n' + caller.region + '\n' + token;
}

uint32_t RequestLedger::place(const store::Scope& scope,
                              const std::optional<std::string>& home_region) {
  const store::Scope* caller = &*scopes_.insert(scope).first;
  const store::Scope* home = nullptr;
  if (home_region) home = &*scopes_.insert({scope.account, *home_region, scope.type_name}).first;
  auto [it, added] = placement_ids_.try_emplace({caller, home}, placements_.size());
  if (added) placements_.push_back({caller, home});
  return it->second;
}

const store::Scope& RequestLedger::scope_of(const ResourceRequest& request) const {
  return *placements_[request.placement].scope;
}

const store::Scope& RequestLedger::kept_in(const ResourceRequest& request) const {
  const Placement& placement = placements_[request.placement];
  return placement.home ? *placement.home : *placement.scope;
}

ProgressEvent RequestLedger::event(const ResourceRequest& request) const {
  ProgressEvent shown{.type_name = scope_of(request).type_name,
                      .identifier = std::string(request.identifier.view()),
                      .request_token = request.token.text(),
                      .operation = request.operation,
                      .status = request.status,
                      .event_time_ms = request.event_time_ms};
  if (request.detail) {
    shown.status_message = request.detail->status_message;
    shown.error_code = request.detail->error_code;
  }
  return shown;
}

PutRequest RequestLedger::record(const ResourceRequest& request) const {
  const Placement& placement = placements_[request.placement];
  PutRequest record{.scope = *placement.scope,
                    .token = request.token,
                    .identifier = std::string(request.identifier.view()),
                    .operation = request.operation,
                    .status = request.status,
                    .event_time_ms = request.event_time_ms,
                    .created_ms = request.created_ms};
  if (placement.home) record.home_region = placement.home->region;
  if (request.detail) {
    record.status_message = request.detail->status_message;
    record.error_code = request.detail->error_code;
    record.pending = request.detail->pending;
  }
  return record;
}

void RequestLedger::put(PutRequest&& change) {
  std::unique_ptr<ResourceRequest::Detail> detail;
  if (change.status_message || change.error_code || change.pending) {
    detail = std::make_unique<ResourceRequest::Detail>(ResourceRequest::Detail{
        std::move(change.status_message), std::move(change.error_code), std::move(change.pending)});
  }
  if (std::optional<size_t> known = index_of(change.token)) {
    ResourceRequest& request = requests_[*known];
    request.status = change.status;
    request.event_time_ms = change.event_time_ms;
    request.detail = std::move(detail);
    if (is_terminal(request.status)) mark_finished(request);
    return;
  }
  ResourceRequest& added = requests_.emplace_back();
  added.token = change.token;
  added.created_ms = change.created_ms;
  added.event_time_ms = change.event_time_ms;
  added.identifier = CompactText(change.identifier);
  added.placement = place(change.scope, change.home_region);
  added.operation = change.operation;
  added.status = change.status;
  added.detail = std::move(detail);
  const uint64_t sequence = first_sequence_ + requests_.size() - 1;
  index_insert(requests_.size() - 1);
  if (!is_terminal(added.status)) {
    unfinished_[{&kept_in(added), change.identifier}] = sequence;
    if (const PendingRecord* pending = added.pending(); pending && pending->due_ms)
      due_[*pending->due_ms].push_back(sequence);
  }
}

ResourceRequest* RequestLedger::find(const Caller& caller, std::string_view request_token) {
  const std::optional<RequestToken> token = RequestToken::parse(request_token);
  if (!token) return nullptr;
  const std::optional<size_t> index = index_of(*token);
  if (!index) return nullptr;
  ResourceRequest& request = requests_[*index];
  const store::Scope& scope = scope_of(request);
  if (scope.account != caller.account || scope.region != caller.region) return nullptr;
  return &request;
}

const ResourceRequest* RequestLedger::unfinished_on(const store::Scope& scope,
                                                    const std::string& identifier) {
  auto shared = scopes_.find(scope);
  if (shared == scopes_.end()) return nullptr;
  auto it = unfinished_.find({&*shared, identifier});
  if (it == unfinished_.end()) return nullptr;
  return &requests_[it->second - first_sequence_];
}

void RequestLedger::mark_finished(const ResourceRequest& request) {
  auto it = unfinished_.find({&kept_in(request), std::string(request.identifier.view())});
  if (it != unfinished_.end() && &requests_[it->second - first_sequence_] == &request)
    unfinished_.erase(it);
}

std::vector<ResourceRequest*> RequestLedger::due(int64_t now_ms) {
  std::vector<ResourceRequest*> ready;
  while (!due_.empty() && due_.begin()->first <= now_ms) {
    for (uint64_t sequence : due_.begin()->second) {
      if (sequence >= first_sequence_) {
        ResourceRequest& request = requests_[sequence - first_sequence_];
        if (!is_terminal(request.status)) ready.push_back(&request);
      }
    }
    due_.erase(due_.begin());
  }
  return ready;
}

std::optional<size_t> RequestLedger::index_of(const RequestToken& token) const {
  if (slots_.empty()) return std::nullopt;
  for (size_t slot = slot_of(token);; slot = (slot + 1) & (slots_.size() - 1)) {
    if (slots_[slot] == 0) return std::nullopt;
    const size_t index = slots_[slot] - 1 - first_sequence_;
    if (requests_[index].token == token) return index;
  }
}

void RequestLedger::index_insert(size_t position) {
  // Kept at most 3/4 full, so a probe ends soon.
  if ((indexed_ + 1) * 4 > slots_.size() * 3) {
    std::vector<uint64_t> old = std::move(slots_);
    slots_.assign(std::max<size_t>(64, old.size() * 2), 0);
    indexed_ = 0;
    for (uint64_t value : old) {
      if (value != 0) index_insert(value - 1 - first_sequence_);
    }
  }
  size_t slot = slot_of(requests_[position].token);
  while (slots_[slot] != 0) slot = (slot + 1) & (slots_.size() - 1);
  slots_[slot] = first_sequence_ + position + 1;
  ++indexed_;
}

void RequestLedger::index_erase(const RequestToken& token) {
  const size_t mask = slots_.size() - 1;
  size_t hole = slot_of(token);
  while (requests_[slots_[hole] - 1 - first_sequence_].token != token) hole = (hole + 1) & mask;
  // Backward-shift deletion: later entries of the probe run move up, so no tombstones are left.
  for (size_t next = (hole + 1) & mask; slots_[next] != 0; next = (next + 1) & mask) {
    const size_t home = slot_of(requests_[slots_[next] - 1 - first_sequence_].token);
    const bool stays = hole <= next ? (hole < home && home <= next) : (hole < home || home <= next);
    if (stays) continue;
    slots_[hole] = slots_[next];
    hole = next;
  }
  slots_[hole] = 0;
  --indexed_;
}

const RequestLedger::TokenUse* RequestLedger::find_token(const Caller& caller,
                                                         const std::string& client_token) const {
  auto it = tokens_.find(caller_key(caller, client_token));
  return it == tokens_.end() ? nullptr : &it->second;
}

void RequestLedger::remember_token(const Caller& caller, const std::string& client_token,
                                   TokenUse use) {
  const std::string key = caller_key(caller, client_token);
  token_order_.emplace_back(use.used_ms, key);
  tokens_[key] = std::move(use);
}

std::vector<RequestLedger::RememberedToken> RequestLedger::tokens() const {
  std::vector<RememberedToken> all;
  all.reserve(tokens_.size());
  for (const auto& [key, use] : tokens_) {
    const size_t region_at = key.find('\n') + 1;
    const size_t token_at = key.find('\n', region_at) + 1;
    all.push_back({{key.substr(0, region_at - 1), key.substr(region_at, token_at - region_at - 1)},
                   key.substr(token_at),
                   &use});
  }
  std::sort(all.begin(), all.end(), [](const RememberedToken& a, const RememberedToken& b) {
    return a.use->used_ms < b.use->used_ms;
  });
  return all;
}

void RequestLedger::expire(int64_t now_ms) {
  while (!requests_.empty() && now_ms - requests_.front().created_ms >= kRequestLifetimeMs) {
    const ResourceRequest& oldest = requests_.front();
    mark_finished(oldest);
    index_erase(oldest.token);
    requests_.pop_front();
    ++first_sequence_;
  }
  while (!token_order_.empty() && now_ms - token_order_.front().first >= kClientTokenLifetimeMs) {
    auto it = tokens_.find(token_order_.front().second);
    if (it != tokens_.end() && it->second.used_ms == token_order_.front().first) tokens_.erase(it);
    token_order_.pop_front();
  }
}

void RequestLedger::clear() {
  first_sequence_ += requests_.size();
  requests_.clear();
  slots_.clear();
  indexed_ = 0;
  placement_ids_.clear();
  placements_.clear();
  scopes_.clear();
  unfinished_.clear();
  due_.clear();
  tokens_.clear();
  token_order_.clear();
}

}  // namespace ccemu::cloudcontrol
