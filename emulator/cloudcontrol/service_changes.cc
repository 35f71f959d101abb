// CloudControlService's changes: decided as ChangeSets, journaled, then applied (service.h); the
// same apply() serves replays of the journal and snapshot loads.
#include <cstdio>

#include "cloudcontrol/service.h"
#include "common/api_error.h"

namespace ccemu::cloudcontrol {

void CloudControlService::set_journal(store::Journal* journal) { journal_ = journal; }

void CloudControlService::durably(const std::function<void()>& body) {
  uint64_t ticket = 0;
  {
    std::lock_guard lock(mu_);
    ticket_ = 0;
    body();
    ticket = ticket_;
  }
  if (ticket == 0 || journal_ == nullptr) return;
  try {
    journal_->await(ticket);
  } catch (const std::system_error& e) {
    std::fprintf(stderr, "ccemu: cannot sync the journal: %s\n", e.what());
    throw ApiError(
        ErrorCode::kServiceInternalError,
        "The change was applied but could not be made durable: " + std::string(e.what()));
  }
}

int64_t CloudControlService::settle() {
  const int64_t now = clock_.now_ms();
  settle_to(now);
  return now;
}

void CloudControlService::settle_to(int64_t now_ms) {
  // Due requests complete (at their due time) before old ones are forgotten, so a change nobody
  // polled for is still applied.
  for (ResourceRequest* request : ledger_.due(now_ms))
    apply(completion(ledger_.record(*request), *request->pending()->due_ms));
  ledger_.expire(now_ms);
}

ChangeSet CloudControlService::completion(const PutRequest& request, int64_t now_ms) {
  ChangeSet set{now_ms, {}};
  PutRequest done = request;
  done.pending.reset();
  std::optional<StateChange> resource_change;
  if (done.status == OperationStatus::kCancelInProgress) {
    done.status = OperationStatus::kCancelComplete;
  } else {
    const PendingRecord& change = *request.pending;
    done.status = change.outcome;
    done.error_code = change.error_code;
    done.status_message = change.message;
    if (change.outcome == OperationStatus::kSuccess) {
      if (change.new_model) {
        resource_change = PutResource{request.kept_in(), request.identifier, change.new_model};
      } else {
        resource_change = EraseResource{request.kept_in(), request.identifier};
      }
    }
  }
  done.event_time_ms = now_ms;
  set.changes.emplace_back(std::move(done));
  if (resource_change) set.changes.push_back(std::move(*resource_change));
  return set;
}

void CloudControlService::observe(ResourceRequest& request, int64_t now_ms) {
  if (is_terminal(request.status)) return;
  if (request.status != OperationStatus::kCancelInProgress &&
      options_.lifecycle.mode == Lifecycle::Mode::kPolls && request.pending()->polls_left > 0) {
    // Not journaled: after a restart a request waits its polls again, no more.
    --request.pending()->polls_left;
    return;
  }
  if (request.status == OperationStatus::kCancelInProgress ||
      options_.lifecycle.mode == Lifecycle::Mode::kPolls) {
    commit(completion(ledger_.record(request), now_ms));
  }
}

void CloudControlService::commit(ChangeSet&& set) {
  if (journal_ != nullptr) {
    set.ids_drawn = ids_.drawn();
    try {
      ticket_ = journal_->append(encode(set));
    } catch (const std::system_error& e) {
      std::fprintf(stderr, "ccemu: cannot append to the journal, change refused: %s\n", e.what());
      throw ApiError(ErrorCode::kServiceInternalError,
                     "The change could not be recorded: " + std::string(e.what()));
    }
  }
  apply(std::move(set));
}

void CloudControlService::apply(ChangeSet&& set) {
  for (StateChange& change : set.changes) apply_change(std::move(change), set.at_ms);
}

void CloudControlService::apply_change(StateChange&& change, int64_t at_ms) {
  if (auto* put = std::get_if<PutResource>(&change)) {
    store_.put(put->scope, put->identifier, std::move(put->model), at_ms);
    if (put->meta) *store_.meta(put->scope, put->identifier) = std::move(*put->meta);
  } else if (auto* erase = std::get_if<EraseResource>(&change)) {
    store_.erase(erase->scope, erase->identifier);
  } else if (auto* tags = std::get_if<SetTags>(&change)) {
    if (store::ResourceMeta* meta = store_.meta(tags->scope, tags->identifier)) {
      meta->tags =
          tags->tags.empty()
              ? nullptr
              : std::make_shared<const std::map<std::string, std::string>>(std::move(tags->tags));
    }
  } else if (auto* request = std::get_if<PutRequest>(&change)) {
    ledger_.put(std::move(*request));
  } else if (auto* token = std::get_if<RememberClientToken>(&change)) {
    ledger_.remember_token(
        token->caller, token->client_token,
        {std::move(token->fingerprint), std::move(token->request_token), token->used_ms});
  } else if (auto* immediate = std::get_if<RememberImmediateToken>(&change)) {
    auto key =
        std::make_tuple(immediate->caller.account, immediate->caller.region, immediate->token);
    immediate_tokens_[key] = {std::move(immediate->fingerprint), std::move(immediate->type_name),
                              std::move(immediate->identifier),  std::move(immediate->model),
                              std::move(immediate->meta),        immediate->used_ms};
    immediate_token_order_.emplace_back(immediate->used_ms, std::move(key));
  } else if (std::holds_alternative<ResetAll>(change)) {
    store_.clear();
    ledger_.clear();
    immediate_tokens_.clear();
    immediate_token_order_.clear();
  }
}

bool CloudControlService::replay(std::string_view payload) {
  std::optional<ChangeSet> set = decode(payload, types_);
  if (!set) return false;
  std::lock_guard lock(mu_);
  ids_.skip_to(set->ids_drawn);
  settle_to(set->at_ms);
  apply(std::move(*set));
  return true;
}

}  // namespace ccemu::cloudcontrol
