#include "cloudcontrol/snapshot_records.h"

#include "cloudcontrol/model.h"
#include "common/api_error.h"

namespace ccemu::cloudcontrol {
namespace {

using nlohmann::json;

json tags_json(const store::ResourceMeta& meta) {
  json tags = json::object();
  if (meta.tags)
    for (const auto& [key, value] : *meta.tags) tags[key] = value;
  return tags;
}

json request_json(const PutRequest& request) {
  json entry = {{"account", request.scope.account},    {"region", request.scope.region},
                {"type", request.scope.type_name},     {"token", request.token.text()},
                {"identifier", request.identifier},    {"operation", to_string(request.operation)},
                {"status", to_string(request.status)}, {"event_ms", request.event_time_ms},
                {"created_ms", request.created_ms}};
  if (request.home_region) entry["home_region"] = *request.home_region;
  if (request.error_code) entry["error_code"] = *request.error_code;
  if (request.status_message) entry["message"] = *request.status_message;
  if (request.pending) {
    const PendingRecord& pending = *request.pending;
    json out = {{"outcome", to_string(pending.outcome)}, {"polls_left", pending.polls_left}};
    if (pending.error_code) out["error_code"] = *pending.error_code;
    if (pending.message) out["message"] = *pending.message;
    if (pending.new_model) out["model"] = pending.new_model->parse();
    if (pending.due_ms) out["due_ms"] = *pending.due_ms;
    entry["pending"] = std::move(out);
  }
  return entry;
}

std::string dumped(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

[[noreturn]] void refuse(const std::string& where, const std::string& problem) {
  throw ApiError(ErrorCode::kValidation, "Invalid state dump at " + where + ": " + problem);
}

std::optional<std::string> optional_text(const json& entry, const char* name) {
  auto it = entry.find(name);
  if (it == entry.end()) return std::nullopt;
  return it->get<std::string>();
}

store::ModelRef model_of(const json& model, const std::string& type_name,
                         const resources::TypeRegistry& types, const std::string& where) {
  const resources::ResourceType* type = types.find(type_name);
  if (type == nullptr) refuse(where, "type '" + type_name + "' is not served");
  if (!model.is_object()) refuse(where, "a model must be a JSON object");
  return stored_model(*type->schema, model);
}

store::ResourceMeta meta_of(const json& entry) {
  store::ResourceMeta meta{entry.at("created_ms").get<int64_t>(),
                           entry.at("updated_ms").get<int64_t>(), nullptr};
  auto tags = entry.find("tags");
  if (tags != entry.end() && !tags->empty()) {
    meta.tags = std::make_shared<const std::map<std::string, std::string>>(
        tags->get<std::map<std::string, std::string>>());
  }
  return meta;
}

template <typename Read>
void read_array(const json& dump, const char* name, Read read) {
  auto it = dump.find(name);
  if (it == dump.end()) return;
  if (!it->is_array()) refuse(name, "expected an array");
  for (size_t i = 0; i < it->size(); ++i) {
    const std::string where = std::string(name) + "/" + std::to_string(i);
    const json& entry = (*it)[i];
    if (!entry.is_object()) refuse(where, "expected an object");
    try {
      read(entry, where);
    } catch (const json::exception& e) {
      refuse(where, e.what());
    }
  }
}

OperationStatus status_of(const json& value, const std::string& where) {
  auto status = parse_operation_status(value.get<std::string>());
  if (!status) refuse(where, "unknown status");
  return *status;
}

}  // namespace

std::string snapshot_records(const std::vector<StateChange>& records) {
  json requests = json::array(), client_tokens = json::array(), appflow_tokens = json::array();
  for (const StateChange& change : records) {
    if (const auto* request = std::get_if<PutRequest>(&change)) {
      requests.push_back(request_json(*request));
    } else if (const auto* token = std::get_if<RememberClientToken>(&change)) {
      client_tokens.push_back({{"account", token->caller.account},
                               {"region", token->caller.region},
                               {"token", token->client_token},
                               {"fingerprint", token->fingerprint},
                               {"request_token", token->request_token},
                               {"used_ms", token->used_ms}});
    } else if (const auto* immediate = std::get_if<RememberImmediateToken>(&change)) {
      appflow_tokens.push_back({{"account", immediate->caller.account},
                                {"region", immediate->caller.region},
                                {"token", immediate->token},
                                {"fingerprint", immediate->fingerprint},
                                {"type", immediate->type_name},
                                {"identifier", immediate->identifier},
                                {"model", immediate->model->parse()},
                                {"created_ms", immediate->meta.created_ms},
                                {"updated_ms", immediate->meta.updated_ms},
                                {"tags", tags_json(immediate->meta)},
                                {"used_ms", immediate->used_ms}});
    }
  }
  return R"(,"requests":)" + dumped(requests) + R"(,"client_tokens":)" + dumped(client_tokens) +
         R"(,"appflow_client_tokens":)" + dumped(appflow_tokens);
}

std::vector<StateChange> read_snapshot_records(const json& dump,
                                               const resources::TypeRegistry& types) {
  std::vector<StateChange> changes;
  read_array(dump, "requests", [&](const json& entry, const std::string& where) {
    PutRequest request;
    request.scope = {entry.at("account").get<std::string>(), entry.at("region").get<std::string>(),
                     entry.at("type").get<std::string>()};
    request.home_region = optional_text(entry, "home_region");
    auto token = RequestToken::parse(entry.at("token").get<std::string>());
    if (!token) refuse(where, "a request token is a lower-case UUID");
    request.token = *token;
    request.identifier = entry.at("identifier").get<std::string>();
    auto operation = parse_operation(entry.at("operation").get<std::string>());
    if (!operation) refuse(where, "unknown operation");
    request.operation = *operation;
    request.status = status_of(entry.at("status"), where);
    request.event_time_ms = entry.at("event_ms").get<int64_t>();
    request.error_code = optional_text(entry, "error_code");
    request.status_message = optional_text(entry, "message");
    request.created_ms = entry.at("created_ms").get<int64_t>();
    if (auto it = entry.find("pending"); it != entry.end()) {
      PendingRecord& pending = request.pending.emplace();
      pending.outcome = status_of(it->at("outcome"), where);
      pending.error_code = optional_text(*it, "error_code");
      pending.message = optional_text(*it, "message");
      if (auto model = it->find("model"); model != it->end())
        pending.new_model = model_of(*model, request.scope.type_name, types, where);
      pending.polls_left = it->at("polls_left").get<int>();
      if (auto due = it->find("due_ms"); due != it->end()) pending.due_ms = due->get<int64_t>();
    } else if (!is_terminal(request.status)) {
      refuse(where, "an unfinished request needs its pending change");
    }
    changes.emplace_back(std::move(request));
  });
  read_array(dump, "client_tokens", [&](const json& entry, const std::string&) {
    changes.emplace_back(RememberClientToken{
        {entry.at("account").get<std::string>(), entry.at("region").get<std::string>()},
        entry.at("token").get<std::string>(),
        entry.at("fingerprint").get<std::string>(),
        entry.at("request_token").get<std::string>(),
        entry.at("used_ms").get<int64_t>()});
  });
  read_array(dump, "appflow_client_tokens", [&](const json& entry, const std::string& where) {
    const std::string type_name = entry.at("type").get<std::string>();
    changes.emplace_back(RememberImmediateToken{
        {entry.at("account").get<std::string>(), entry.at("region").get<std::string>()},
        entry.at("token").get<std::string>(),
        entry.at("fingerprint").get<std::string>(),
        type_name,
        entry.at("identifier").get<std::string>(),
        model_of(entry.at("model"), type_name, types, where),
        meta_of(entry),
        entry.at("used_ms").get<int64_t>()});
  });
  return changes;
}

}  // namespace ccemu::cloudcontrol
