#include "cloudcontrol/service.h"

#include <cctype>

#include "cloudcontrol/identifier.h"
#include "cloudcontrol/injected_failure.h"
#include "cloudcontrol/model.h"
#include "cloudcontrol/patch.h"
#include "common/api_error.h"
#include "common/base64.h"
#include "common/json_limits.h"
#include "common/json_text.h"
#include "resources/read_only_values.h"
#include "resources/recipe_values.h"

namespace ccemu::cloudcontrol {
namespace {

constexpr int64_t kDefaultListResourcesPage = 100;
constexpr int64_t kDefaultListRequestsPage = 20;

// What makes two requests with one ClientToken "the same request" (spec §5.1): bodies compare as
// parsed JSON, so key order and spacing do not matter.
std::string fingerprint(Operation operation, const std::string& type_name,
                        const std::optional<std::string>& type_version_id,
                        const std::optional<std::string>& role_arn, const std::string& identifier,
                        const std::string& document) {
  std::string error;
  auto parsed = parse_bounded_json(document, error);
  json key = {{"Operation", to_string(operation)},
              {"TypeName", type_name},
              {"TypeVersionId", type_version_id.value_or("")},
              {"RoleArn", role_arn.value_or("")},
              {"Identifier", identifier},
              {"Document", parsed ? *parsed : json(document)}};
  return key.dump();
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

template <typename T>
bool contains(const std::vector<T>& items, T value) {
  return items.empty() || std::find(items.begin(), items.end(), value) != items.end();
}

}  // namespace

CloudControlService::CloudControlService(const resources::TypeRegistry& types, Clock& clock,
                                         IdGenerator& ids, ServiceOptions options)
    : types_(types), clock_(clock), ids_(ids), options_(options) {}

const resources::ResourceType& CloudControlService::type_for(const std::string& type_name,
                                                             const char* handler) const {
  const resources::ResourceType* type = types_.find(type_name);
  if (type == nullptr) {
    throw ApiError(ErrorCode::kTypeNotFound, "The type '" + type_name + "' cannot be found.");
  }
  // A schema without handlers is NON_PROVISIONABLE: Cloud Control refuses every operation on it,
  // as it refuses one whose handler is missing.
  const bool served = type->schema->provisionable() ? type->schema->has_handler(handler)
                                                    : options_.serve_non_provisionable;
  if (!served) {
    std::string action = handler;
    for (char& c : action) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    throw ApiError(ErrorCode::kUnsupportedAction,
                   "Resource type " + type_name + " does not support " + action + " action");
  }
  return *type;
}

store::Scope CloudControlService::scope_of(const resources::ResourceType& type,
                                           const Caller& caller, const std::string& type_name) {
  if (!type.global()) return {caller.account, caller.region, type_name};
  const std::string partition = resources::partition_of(caller.region);
  const char* home = partition == "aws-cn"       ? "cn-north-1"
                     : partition == "aws-us-gov" ? "us-gov-west-1"
                                                 : "us-east-1";
  return {caller.account, home, type_name};
}

void CloudControlService::place(PutRequest& request, const Caller& caller,
                                const store::Scope& scope) {
  request.scope = {caller.account, caller.region, scope.type_name};
  if (scope.region != caller.region) request.home_region = scope.region;
}

std::optional<ProgressEvent> CloudControlService::replay_client_token(
    const Caller& caller, const std::optional<std::string>& client_token,
    const std::string& fingerprint) {
  if (!client_token) return std::nullopt;
  const RequestLedger::TokenUse* use = ledger_.find_token(caller, *client_token);
  if (use == nullptr) return std::nullopt;
  ResourceRequest* request = ledger_.find(caller, use->request_token);
  if (request == nullptr) return std::nullopt;
  if (use->fingerprint != fingerprint) {
    throw ApiError(ErrorCode::kClientTokenConflict,
                   "ClientToken " + *client_token +
                       " is already associated with an existing operation with RequestToken " +
                       use->request_token);
  }
  return ledger_.event(*request);
}

void CloudControlService::refuse_if_busy(const store::Scope& scope, const std::string& identifier) {
  if (const ResourceRequest* busy = ledger_.unfinished_on(scope, identifier)) {
    throw ApiError(ErrorCode::kConcurrentOperation,
                   "Another resource operation is currently being performed on this resource. "
                   "(TypeName: " +
                       scope.type_name + ", Identifier: " + identifier +
                       ", RequestToken: " + busy->token.text() + ")");
  }
}

ResourceRequest& CloudControlService::request_now(const Caller& caller,
                                                  const std::string& request_token) {
  ResourceRequest* request = ledger_.find(caller, request_token);
  if (request == nullptr) {
    throw ApiError(ErrorCode::kRequestTokenNotFound,
                   "Request with token " + request_token + " was not found");
  }
  return *request;
}

void CloudControlService::throw_not_found(const std::string& type_name,
                                          const std::string& identifier) {
  throw ApiError(ErrorCode::kResourceNotFound,
                 type_name + " Handler returned status FAILED: Resource of type '" + type_name +
                     "' with identifier '" + identifier +
                     "' was not found. (HandlerErrorCode: NotFound, RequestToken: " + ids_.uuid() +
                     ")");
}

void CloudControlService::generate_read_only(const resources::ResourceType& type,
                                             const Caller& caller, int64_t now_ms,
                                             nlohmann::json& model) {
  const schema::ResourceSchema& schema = *type.schema;
  // Read-only values are the service's to set; what a caller sends for them is not kept. A
  // pointer through an array ("/Items/*/Id") names no single value and is left alone.
  const auto settable = [&](const json::json_pointer& pointer) {
    const json::json_pointer parent = pointer.parent_pointer();
    return parent.empty() || (model.contains(parent) && model.at(parent).is_object());
  };
  // A property both read-only and create-only (CodeArtifact Domain's EncryptionKey) is the
  // caller's to set at create: AWS keeps a value sent and generates one only when absent.
  const auto& create_only = schema.create_only();
  for (const auto& pointer : schema.read_only()) {
    if (settable(pointer) &&
        std::find(create_only.begin(), create_only.end(), pointer) == create_only.end()) {
      model.at(pointer.parent_pointer()).erase(pointer.back());
    }
  }
  type.hooks->generate_read_only(model, {caller.account, caller.region, now_ms, ids_});
  const resources::GenerationContext ctx{schema.type_name(), caller.account, caller.region, ids_,
                                         now_ms};
  if (type.recipe) resources::apply_recipe(*type.recipe, schema, ctx, model);
  const resources::SchemaResolver resolve = [&](const json& node) -> const json& {
    return schema.resolve(node);
  };
  for (const auto& pointer : schema.read_only()) {
    if (!settable(pointer) || model.contains(pointer)) continue;
    const json* property = schema.property_schema(pointer);
    // TypeRegistry checked at load that every top-level read-only property can be generated.
    if (property != nullptr) {
      if (auto value =
              resources::generate_read_only_value(pointer.back(), *property, ctx, resolve)) {
        model[pointer] = *value;
      }
    }
  }
  // A primary identifier the caller may leave out (AWS::Logs::LogGroup's name) is generated the
  // way CloudFormation names an unnamed resource.
  for (const auto& pointer : schema.primary_identifier()) {
    if (model.contains(pointer)) continue;
    const json* property = schema.property_schema(pointer);
    auto value =
        property ? resources::generate_name(pointer.back(), *property, ctx, resolve) : std::nullopt;
    model[pointer] = value ? *value : json(ids_.uuid());
  }
}

ProgressEvent CloudControlService::submit(const Caller& caller,
                                          const std::optional<std::string>& client_token,
                                          const std::string& fingerprint, PutRequest request,
                                          int64_t now_ms) {
  request.created_ms = now_ms;
  if (options_.faults != nullptr) apply_failed_event_fault(*options_.faults, request);
  request.token = *RequestToken::parse(ids_.uuid());
  request.status = OperationStatus::kInProgress;
  request.event_time_ms = now_ms;
  ProgressEvent accepted = request.event();
  ChangeSet set{now_ms, {}};
  switch (options_.lifecycle.mode) {
    case Lifecycle::Mode::kImmediate:
      set = completion(request, now_ms);
      break;
    case Lifecycle::Mode::kPolls:
      request.pending->polls_left = static_cast<int>(options_.lifecycle.amount);
      set.changes.emplace_back(std::move(request));
      break;
    case Lifecycle::Mode::kMilliseconds:
      request.pending->due_ms = now_ms + options_.lifecycle.amount;
      set.changes.emplace_back(std::move(request));
      break;
  }
  if (client_token) {
    set.changes.emplace_back(
        RememberClientToken{caller, *client_token, fingerprint, accepted.request_token, now_ms});
  }
  commit(std::move(set));
  return accepted;
}

ProgressEvent CloudControlService::create_resource(const Caller& caller,
                                                   const CreateResourceInput& input) {
  ProgressEvent result;
  durably([&] {
    result = [&]() -> ProgressEvent {
      const int64_t now = settle();
      const std::string key =
          fingerprint(Operation::kCreate, input.type_name, input.type_version_id, input.role_arn,
                      "", input.desired_state);
      if (auto replayed = replay_client_token(caller, input.client_token, key)) return *replayed;

      const resources::ResourceType& type = type_for(input.type_name, "create");
      const schema::ResourceSchema& schema = *type.schema;
      json model = parse_model(input.desired_state);
      strip_nulls(model);
      validate_model(schema, model);

      const store::Scope scope = scope_of(type, caller, input.type_name);
      PutRequest request;
      PendingRecord& change = request.pending.emplace();
      if (options_.validation == ValidationLevel::kService) {
        if (auto refusal = type.hooks->check_service_rules(model)) {
          change.outcome = OperationStatus::kFailed;
          change.error_code = "InvalidRequest";
          change.message = *refusal;
        }
      }
      // AWS's first event names no resource when the service makes its identifier (an S3 bucket
      // created with {}): the handler has not chosen it yet.
      const bool identifier_generated =
          std::any_of(schema.primary_identifier().begin(), schema.primary_identifier().end(),
                      [&](const json::json_pointer& pointer) { return !model.contains(pointer); });
      generate_read_only(type, caller, now, model);
      const std::string identifier = identifier_of(schema, model);
      refuse_if_busy(scope, identifier);

      place(request, caller, scope);
      request.identifier = identifier;
      request.operation = Operation::kCreate;
      if (change.outcome == OperationStatus::kSuccess) {
        if (store_.find(scope, identifier) != nullptr) {
          change.outcome = OperationStatus::kFailed;
          change.error_code = "AlreadyExists";
          change.message = "Resource of type '" + input.type_name + "' with identifier '" +
                           identifier + "' already exists.";
        } else {
          change.new_model = stored_model(schema, model);
        }
      }
      ProgressEvent accepted = submit(caller, input.client_token, key, std::move(request), now);
      if (identifier_generated) accepted.identifier.clear();
      return accepted;
    }();
  });
  return result;
}

GetResourceOutput CloudControlService::get_resource(const Caller& caller,
                                                    const GetResourceInput& input) {
  std::lock_guard lock(mu_);
  settle();
  const resources::ResourceType& type = type_for(input.type_name, "read");
  const std::string identifier = canonical_identifier(*type.schema, input.identifier);
  store::ModelRef model = store_.find(scope_of(type, caller, input.type_name), identifier);
  if (model == nullptr) throw_not_found(input.type_name, identifier);
  return {input.type_name, {identifier, std::move(model)}};
}

json CloudControlService::list_filter(const schema::ResourceSchema& schema,
                                      const std::optional<std::string>& resource_model) {
  json model = resource_model ? parse_model(*resource_model) : json::object();
  // A list handler whose handlerSchema requires properties (a parent's id) lists only the
  // resources that have the values the ResourceModel gives for them (issue 7).
  json filter = json::object();
  std::vector<std::string> missing;
  for (const std::string& property : schema.list_required_properties()) {
    if (model.contains(property))
      filter[property] = model[property];
    else
      missing.push_back(property);
  }
  if (!missing.empty()) {
    throw ApiError(ErrorCode::kInvalidRequest,
                   "Missing or invalid ResourceModel property in " + schema.type_name() +
                       " list handler request input. Required property: [" + join(missing) + "]");
  }
  return filter;
}

ListResourcesOutput CloudControlService::list_resources(const Caller& caller,
                                                        const ListResourcesInput& input) {
  std::lock_guard lock(mu_);
  settle();
  const resources::ResourceType& type = type_for(input.type_name, "list");
  const json filter = list_filter(*type.schema, input.resource_model);
  std::string after;
  if (input.next_token) {
    auto decoded = base64_decode(*input.next_token);
    if (!decoded || decoded->empty()) {
      throw ApiError(ErrorCode::kInvalidRequest,
                     "NextToken '" + *input.next_token +
                         "' is not a token from an earlier ListResources call.");
    }
    after = *decoded;
  }
  const store::Scope scope = scope_of(type, caller, input.type_name);
  const size_t limit = static_cast<size_t>(input.max_results.value_or(kDefaultListResourcesPage));
  ListResourcesOutput output{input.type_name, {}, std::nullopt};
  // Only the filtered members' text is parsed, not the models.
  auto selected = [&filter](const store::StoredModel& stored) {
    for (const auto& [key, value] : filter.items()) {
      const auto member = member_text(stored.text(), key);
      if (!member || json::parse(*member) != value) return false;
    }
    return true;
  };
  // Walks the store in identifier order until the page is full and one more match shows there
  // is a next page.
  bool more = false;
  while (!more) {
    auto chunk = store_.list(scope, after, limit + 1);
    if (chunk.empty()) break;
    for (const store::StoredResource& resource : chunk) {
      if (!selected(*resource.model)) continue;
      if (output.descriptions.size() == limit) {
        more = true;
        break;
      }
      output.descriptions.push_back({resource.identifier, resource.model});
    }
    after = chunk.back().identifier;
  }
  if (more) output.next_token = base64_encode(output.descriptions.back().identifier);
  return output;
}

ProgressEvent CloudControlService::update_resource(const Caller& caller,
                                                   const UpdateResourceInput& input) {
  ProgressEvent result;
  durably([&] {
    result = [&]() -> ProgressEvent {
      const int64_t now = settle();
      const std::string key =
          fingerprint(Operation::kUpdate, input.type_name, input.type_version_id, input.role_arn,
                      input.identifier, input.patch_document);
      if (auto replayed = replay_client_token(caller, input.client_token, key)) return *replayed;

      const resources::ResourceType& type = type_for(input.type_name, "update");
      const schema::ResourceSchema& schema = *type.schema;
      const std::string identifier = canonical_identifier(schema, input.identifier);
      const store::Scope scope = scope_of(type, caller, input.type_name);
      refuse_if_busy(scope, identifier);
      const store::ModelRef stored = store_.find(scope, identifier);
      if (stored == nullptr) throw_not_found(input.type_name, identifier);
      const json current = stored->parse();

      // Cloud Control patches the read view, then restores write-only values the patch left alone
      // (spec §5.3 rules 2 and 7).
      const json base = read_view(schema, current);
      json patched = apply_patch(base, input.patch_document, schema.write_only());
      if (!patched.is_object()) {
        throw ApiError(
            ErrorCode::kValidation,
            std::string("Model validation failed (#: expected type: JSONObject, found: ") +
                patched.type_name() + ")");
      }
      for (const auto& [role, pointers] : {std::pair{"createOnlyProperties", &schema.create_only()},
                                           std::pair{"readOnlyProperties", &schema.read_only()}}) {
        auto changed = changed_properties(*pointers, base, patched);
        if (!changed.empty()) {
          throw ApiError(ErrorCode::kNotUpdatable, std::string("Invalid patch update: ") + role +
                                                       " [" + join(changed) +
                                                       "] cannot be updated");
        }
      }
      for (const auto& pointer : schema.write_only()) {
        if (!patched.contains(pointer) && current.contains(pointer))
          patched[pointer] = current.at(pointer);
      }
      strip_nulls(patched);
      validate_model(schema, patched);

      PutRequest request;
      place(request, caller, scope);
      request.identifier = identifier;
      request.operation = Operation::kUpdate;
      std::optional<std::string> refusal;
      if (options_.validation == ValidationLevel::kService)
        refusal = type.hooks->check_service_rules(patched);
      PendingRecord& change = request.pending.emplace();
      if (refusal) {
        change.outcome = OperationStatus::kFailed;
        change.error_code = "InvalidRequest";
        change.message = *refusal;
      } else {
        change.new_model = stored_model(schema, patched);
      }
      return submit(caller, input.client_token, key, std::move(request), now);
    }();
  });
  return result;
}

ProgressEvent CloudControlService::delete_resource(const Caller& caller,
                                                   const DeleteResourceInput& input) {
  ProgressEvent result;
  durably([&] {
    result = [&]() -> ProgressEvent {
      const int64_t now = settle();
      const std::string key =
          fingerprint(Operation::kDelete, input.type_name, input.type_version_id, input.role_arn,
                      input.identifier, "");
      if (auto replayed = replay_client_token(caller, input.client_token, key)) return *replayed;

      const resources::ResourceType& type = type_for(input.type_name, "delete");
      const std::string identifier = canonical_identifier(*type.schema, input.identifier);
      const store::Scope scope = scope_of(type, caller, input.type_name);
      refuse_if_busy(scope, identifier);
      PutRequest request;
      place(request, caller, scope);
      request.identifier = identifier;
      request.operation = Operation::kDelete;
      PendingRecord& change = request.pending.emplace();
      if (store_.find(scope, identifier) == nullptr) {
        // The handler contract answers a missing resource with NotFound (spec §5.6).
        change.outcome = OperationStatus::kFailed;
        change.error_code = "NotFound";
        change.message = "Resource of type '" + input.type_name + "' with identifier '" +
                         identifier + "' was not found.";
      }
      return submit(caller, input.client_token, key, std::move(request), now);
    }();
  });
  return result;
}

ProgressEvent CloudControlService::get_resource_request_status(const Caller& caller,
                                                               const std::string& request_token) {
  ProgressEvent result;
  durably([&] {
    result = [&]() -> ProgressEvent {
      const int64_t now = settle();
      ResourceRequest& request = request_now(caller, request_token);
      observe(request, now);
      return ledger_.event(request);
    }();
  });
  return result;
}

ListResourceRequestsOutput CloudControlService::list_resource_requests(
    const Caller& caller, const ListResourceRequestsInput& input) {
  std::lock_guard lock(mu_);
  settle();
  std::optional<uint64_t> before;
  if (input.next_token) {
    auto decoded = base64_decode(*input.next_token);
    if (!decoded || decoded->empty() ||
        decoded->find_first_not_of("0123456789") != std::string::npos || decoded->size() > 19) {
      throw ApiError(ErrorCode::kValidation,
                     "NextToken '" + *input.next_token +
                         "' is not a token from an earlier ListResourceRequests call.");
    }
    before = std::stoull(*decoded);
  }
  bool more = false;
  auto page = ledger_.newest_first(
      caller, before, static_cast<size_t>(input.max_results.value_or(kDefaultListRequestsPage)),
      [&](const ResourceRequest& request) {
        return contains(input.operations, request.operation) &&
               contains(input.statuses, request.status);
      },
      more);
  ListResourceRequestsOutput output;
  for (const RequestLedger::Listed& listed : page)
    output.summaries.push_back(ledger_.event(*listed.request));
  if (more) output.next_token = base64_encode(std::to_string(page.back().sequence));
  return output;
}

ProgressEvent CloudControlService::cancel_resource_request(const Caller& caller,
                                                           const std::string& request_token) {
  ProgressEvent result;
  durably([&] {
    result = [&]() -> ProgressEvent {
      const int64_t now = settle();
      ResourceRequest& request = request_now(caller, request_token);
      if (is_terminal(request.status)) {
        throw ApiError(ErrorCode::kValidation, "Request " + request_token +
                                                   " is already in status " +
                                                   std::string(to_string(request.status)));
      }
      if (request.status == OperationStatus::kPending ||
          request.status == OperationStatus::kInProgress) {
        PutRequest cancelled = ledger_.record(request);
        cancelled.status = OperationStatus::kCancelInProgress;
        cancelled.event_time_ms = now;
        ChangeSet set{now, {}};
        set.changes.emplace_back(std::move(cancelled));
        commit(std::move(set));
      }
      return ledger_.event(request);
    }();
  });
  return result;
}

void CloudControlService::reset() {
  durably([&] { commit({clock_.now_ms(), {ResetAll{}}}); });
}

}  // namespace ccemu::cloudcontrol
