#include "cloudcontrol/request_ledger.h"

#include <algorithm>

namespace ccemu::cloudcontrol {

std::string RequestLedger::caller_key(const Caller& caller, const std::string& token) {
  return caller.account + '\n' + caller.region + '\n' + token;
}

ProgressEvent ResourceRequest::event() const {
  ProgressEvent shown = progress;
  shown.type_name = scope->type_name;
  return shown;
}

const store::Scope* RequestLedger::scope(const store::Scope& scope) {
  return &*scopes_.insert(scope).first;
}

ResourceRequest& RequestLedger::add(ResourceRequest request) {
  request.sequence = next_sequence_++;
  ResourceRequest& added = requests_.emplace_back(std::move(request));
  by_token_[added.progress.request_token] = added.sequence;
  if (!is_terminal(added.progress.status)) {
    unfinished_[{&added.kept_in(), added.progress.identifier}] = added.sequence;
    if (added.change && added.change->due_ms) {
      due_[*added.change->due_ms].push_back(added.sequence);
    }
  }
  return added;
}

ResourceRequest* RequestLedger::find(const Caller& caller, const std::string& request_token) {
  auto it = by_token_.find(request_token);
  if (it == by_token_.end() || requests_.empty()) return nullptr;
  ResourceRequest& request = requests_[it->second - requests_.front().sequence];
  if (request.scope->account != caller.account || request.scope->region != caller.region) {
    return nullptr;
  }
  return &request;
}

ResourceRequest* RequestLedger::unfinished_on(const store::Scope& scope,
                                              const std::string& identifier) {
  auto shared = scopes_.find(scope);
  if (shared == scopes_.end()) return nullptr;
  auto it = unfinished_.find({&*shared, identifier});
  if (it == unfinished_.end() || requests_.empty()) return nullptr;
  return &requests_[it->second - requests_.front().sequence];
}

void RequestLedger::mark_finished(const ResourceRequest& request) {
  auto it = unfinished_.find({&request.kept_in(), request.progress.identifier});
  if (it != unfinished_.end() && it->second == request.sequence) unfinished_.erase(it);
}

std::vector<ResourceRequest*> RequestLedger::due(int64_t now_ms) {
  std::vector<ResourceRequest*> ready;
  while (!due_.empty() && due_.begin()->first <= now_ms) {
    for (uint64_t sequence : due_.begin()->second) {
      if (!requests_.empty() && sequence >= requests_.front().sequence) {
        ResourceRequest& request = requests_[sequence - requests_.front().sequence];
        if (!is_terminal(request.progress.status)) ready.push_back(&request);
      }
    }
    due_.erase(due_.begin());
  }
  return ready;
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
    by_token_.erase(oldest.progress.request_token);
    requests_.pop_front();
  }
  while (!token_order_.empty() && now_ms - token_order_.front().first >= kClientTokenLifetimeMs) {
    auto it = tokens_.find(token_order_.front().second);
    if (it != tokens_.end() && it->second.used_ms == token_order_.front().first) tokens_.erase(it);
    token_order_.pop_front();
  }
}

void RequestLedger::clear() {
  requests_.clear();
  scopes_.clear();
  by_token_.clear();
  unfinished_.clear();
  due_.clear();
  tokens_.clear();
  token_order_.clear();
}

}  // namespace ccemu::cloudcontrol
