// CloudControlService's changes applied at once, for the native AppFlow API (service.h): the same
// validation, read-only values and store as the Cloud Control operations, minus the ledger.
#include "cloudcontrol/identifier.h"
#include "cloudcontrol/model.h"
#include "cloudcontrol/service.h"
#include "common/api_error.h"

namespace ccemu::cloudcontrol {
namespace {

constexpr std::string_view kServiceRulePrefix = "Invalid request provided: ";
// AppFlow: "The token is active for 8 hours."
constexpr int64_t kImmediateTokenLifetimeMs = 8 * 60 * 60 * 1000;

// The service rules (--validation service) refuse at once, as a ValidationException.
void check_service_rules_now(const resources::ResourceType& type, const json& model,
                             ValidationLevel level) {
  if (level != ValidationLevel::kService) return;
  if (auto refusal = type.hooks->check_service_rules(model)) {
    std::string message = *refusal;
    if (message.starts_with(kServiceRulePrefix)) message.erase(0, kServiceRulePrefix.size());
    throw ApiError(ErrorCode::kValidation, message);
  }
}

[[noreturn]] void throw_missing(const std::string& type_name, const std::string& identifier) {
  throw ApiError(
      ErrorCode::kResourceNotFound,
      "Resource of type '" + type_name + "' with identifier '" + identifier + "' does not exist.");
}

}  // namespace

const resources::ResourceType& CloudControlService::type_for_now(
    const std::string& type_name) const {
  const resources::ResourceType* type = types_.find(type_name);
  if (type == nullptr) {
    throw ApiError(ErrorCode::kTypeNotFound, "The type '" + type_name + "' cannot be found.");
  }
  return *type;
}

std::optional<CloudControlService::CurrentResource> CloudControlService::replay_token_now(
    const Caller& caller, const std::optional<ClientTokenUse>& token, int64_t now_ms) {
  while (!immediate_token_order_.empty() &&
         immediate_token_order_.front().first <= now_ms - kImmediateTokenLifetimeMs) {
    immediate_tokens_.erase(immediate_token_order_.front().second);
    immediate_token_order_.pop_front();
  }
  if (!token) return std::nullopt;
  auto it = immediate_tokens_.find({caller.account, caller.region, token->token});
  if (it == immediate_tokens_.end()) return std::nullopt;
  if (it->second.fingerprint != token->fingerprint) {
    throw ApiError(ErrorCode::kConflict, "The clientToken '" + token->token +
                                             "' was already used with a different request.");
  }
  const RememberedToken& remembered = it->second;
  return CurrentResource{remembered.identifier, remembered.model->parse(), remembered.meta};
}

void CloudControlService::remember_token_now(const Caller& caller,
                                             const std::optional<ClientTokenUse>& token,
                                             const std::string& type_name,
                                             const std::string& identifier, store::ModelRef model,
                                             const store::ResourceMeta& meta, ChangeSet& set) {
  if (!token) return;
  set.changes.emplace_back(RememberImmediateToken{caller, token->token, token->fingerprint,
                                                  type_name, identifier, std::move(model), meta,
                                                  set.at_ms});
}

CloudControlService::CurrentResource CloudControlService::create_now(
    const Caller& caller, const std::string& type_name, json model,
    const std::optional<ClientTokenUse>& token) {
  CurrentResource result;
  durably([&] {
    result = [&]() -> CurrentResource {
      const int64_t now = settle();
      if (auto replayed = replay_token_now(caller, token, now)) return *replayed;
      const resources::ResourceType& type = type_for_now(type_name);
      const schema::ResourceSchema& schema = *type.schema;
      strip_nulls(model);
      validate_model(schema, model);
      check_service_rules_now(type, model, options_.validation);
      generate_read_only(type, caller, now, model);
      const std::string identifier = identifier_of(schema, model);
      const store::Scope scope = scope_of(type, caller, type_name);
      if (store_.find(scope, identifier) != nullptr || ledger_.unfinished_on(scope, identifier)) {
        throw ApiError(ErrorCode::kAlreadyExists, "Resource of type '" + type_name +
                                                      "' with identifier '" + identifier +
                                                      "' already exists.");
      }
      const store::ModelRef stored = stored_model(schema, model);
      const store::ResourceMeta meta{now, now, nullptr};
      ChangeSet set{now, {PutResource{scope, identifier, stored}}};
      remember_token_now(caller, token, type_name, identifier, stored, meta, set);
      commit(std::move(set));
      return CurrentResource{identifier, std::move(model), meta};
    }();
  });
  return result;
}

CloudControlService::CurrentResource CloudControlService::update_now(
    const Caller& caller, const std::string& type_name, const std::string& identifier,
    const std::function<json(const json&)>& change, const std::optional<ClientTokenUse>& token) {
  CurrentResource result;
  durably([&] {
    result = [&]() -> CurrentResource {
      const int64_t now = settle();
      if (auto replayed = replay_token_now(caller, token, now)) return *replayed;
      const resources::ResourceType& type = type_for_now(type_name);
      const schema::ResourceSchema& schema = *type.schema;
      const store::Scope scope = scope_of(type, caller, type_name);
      const store::ModelRef stored = store_.find(scope, identifier);
      if (stored == nullptr) throw_missing(type_name, identifier);
      if (ledger_.unfinished_on(scope, identifier)) {
        throw ApiError(ErrorCode::kConflict,
                       "Another operation is in progress on the resource '" + identifier + "'.");
      }
      const json before = stored->parse();
      json model = change(before);
      // Read-only values are the service's: the ones it generated on create stay.
      for (const auto& pointer : schema.read_only()) {
        if (before.contains(pointer)) model[pointer] = before.at(pointer);
      }
      strip_nulls(model);
      validate_model(schema, model);
      check_service_rules_now(type, model, options_.validation);
      const store::ModelRef updated = stored_model(schema, model);
      store::ResourceMeta meta = *store_.meta(scope, identifier);
      meta.updated_ms = now;
      ChangeSet set{now, {PutResource{scope, identifier, updated}}};
      remember_token_now(caller, token, type_name, identifier, updated, meta, set);
      commit(std::move(set));
      return CurrentResource{identifier, std::move(model), meta};
    }();
  });
  return result;
}

void CloudControlService::delete_now(const Caller& caller, const std::string& type_name,
                                     const std::string& identifier) {
  durably([&] {
    const int64_t now = settle();
    const store::Scope scope = scope_of(type_for_now(type_name), caller, type_name);
    if (store_.find(scope, identifier) == nullptr) {
      throw_missing(type_name, identifier);
    }
    if (ledger_.unfinished_on(scope, identifier)) {
      throw ApiError(ErrorCode::kConflict,
                     "Another operation is in progress on the resource '" + identifier + "'.");
    }
    commit({now, {EraseResource{scope, identifier}}});
  });
}

std::vector<store::StoredResource> CloudControlService::select_now(
    const Caller& caller, const std::string& type_name,
    const std::function<bool(const store::StoredModel&)>& selected, const std::string& after,
    size_t limit, bool& more) {
  std::lock_guard lock(mu_);
  settle();
  const store::Scope scope = scope_of(type_for_now(type_name), caller, type_name);
  std::vector<store::StoredResource> page;
  more = false;
  // Walks the store in identifier order until the page is full and one more match shows there
  // is a next page.
  std::string from = after;
  while (!more) {
    auto chunk = store_.list(scope, from, limit + 1);
    if (chunk.empty()) break;
    for (const store::StoredResource& resource : chunk) {
      if (!selected(*resource.model)) continue;
      if (page.size() == limit) {
        more = true;
        break;
      }
      page.push_back(resource);
    }
    from = chunk.back().identifier;
  }
  return page;
}

std::vector<store::StoredResource> CloudControlService::find_now(
    const Caller& caller, const std::string& type_name, const std::set<std::string>& identifiers) {
  std::lock_guard lock(mu_);
  settle();
  const store::Scope scope = scope_of(type_for_now(type_name), caller, type_name);
  std::vector<store::StoredResource> found;
  for (const std::string& identifier : identifiers) {
    if (const store::ResourceMeta* meta = store_.meta(scope, identifier))
      found.push_back({identifier, store_.find(scope, identifier), *meta});
  }
  return found;
}

std::map<std::string, std::string> CloudControlService::retag_now(
    const Caller& caller, const std::string& type_name, const std::string& identifier,
    const std::map<std::string, std::string>& add, const std::vector<std::string>& remove) {
  std::map<std::string, std::string> result;
  durably([&] {
    result = [&]() -> std::map<std::string, std::string> {
      const int64_t now = settle();
      const store::Scope scope = scope_of(type_for_now(type_name), caller, type_name);
      const store::ResourceMeta* meta = store_.meta(scope, identifier);
      if (meta == nullptr) throw_missing(type_name, identifier);
      std::map<std::string, std::string> tags;
      if (meta->tags) tags = *meta->tags;
      for (const auto& [key, value] : add) tags[key] = value;
      for (const auto& key : remove) tags.erase(key);
      commit({now, {SetTags{scope, identifier, tags}}});
      return tags;
    }();
  });
  return result;
}

}  // namespace ccemu::cloudcontrol
