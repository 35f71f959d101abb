// CloudControlService: the eight Cloud Control operations over typed inputs (spec §3-5).
//
// Immediate failures are thrown as ApiError (their codes are listed per method); outcomes the
// real service reports asynchronously come back as a FAILED ProgressEvent (spec §5.6).
//
// Thread-safety: every public method locks mu_, which guards store_ and ledger_; the change
// listener runs under it. Time and ids come from the injected Clock and IdGenerator, which are
// thread-safe themselves.
#pragma once

#include <functional>
#include <mutex>
#include <utility>
#include <vector>

#include "cloudcontrol/request_ledger.h"
#include "cloudcontrol/state_dump.h"
#include "cloudcontrol/types.h"
#include "common/clock.h"
#include "common/id_generator.h"
#include "faults/fault_plan.h"
#include "resources/type_registry.h"
#include "store/resource_store.h"

namespace ccemu::cloudcontrol {

// How long a mutating request stays IN_PROGRESS (design.md "Lifecycle").
struct Lifecycle {
  enum class Mode { kImmediate, kPolls, kMilliseconds };
  Mode mode = Mode::kImmediate;
  int64_t amount = 0;
};

enum class ValidationLevel {
  kSchema,   // the resource schema and the handler wrapper's strictness
  kService,  // also the service API's own rules (TypeHooks::check_service_rules)
};

struct ServiceOptions {
  Lifecycle lifecycle;
  ValidationLevel validation = ValidationLevel::kService;
  faults::FaultPlan* faults = nullptr;  // failed_event rules (README "Fault injection"); not owned
};

class CloudControlService {
 public:
  CloudControlService(const resources::TypeRegistry& types, Clock& clock, IdGenerator& ids,
                      ServiceOptions options);

  // IN_PROGRESS event. Immediate: TypeNotFound, UnsupportedAction, Validation (model fails the
  // schema), ConcurrentOperation, ClientTokenConflict. FAILED later: AlreadyExists, InvalidRequest.
  ProgressEvent create_resource(const Caller& caller, const CreateResourceInput& input);
  // Immediate: TypeNotFound, UnsupportedAction, InvalidRequest (identifier), ResourceNotFound.
  GetResourceOutput get_resource(const Caller& caller, const GetResourceInput& input);
  // Immediate: TypeNotFound, UnsupportedAction, Validation (ResourceModel), InvalidRequest (token).
  ListResourcesOutput list_resources(const Caller& caller, const ListResourcesInput& input);
  // IN_PROGRESS event. Immediate: as create, plus ResourceNotFound and NotUpdatable. FAILED later:
  // InvalidRequest.
  ProgressEvent update_resource(const Caller& caller, const UpdateResourceInput& input);
  // IN_PROGRESS event. Immediate: TypeNotFound, UnsupportedAction, ConcurrentOperation,
  // ClientTokenConflict. FAILED later: NotFound.
  ProgressEvent delete_resource(const Caller& caller, const DeleteResourceInput& input);
  // The request's current event; a poll may complete it. Immediate: RequestTokenNotFound.
  ProgressEvent get_resource_request_status(const Caller& caller, const std::string& request_token);
  // Immediate: Validation (NextToken).
  ListResourceRequestsOutput list_resource_requests(const Caller& caller,
                                                    const ListResourceRequestsInput& input);
  // CANCEL_IN_PROGRESS for an unfinished request, else its current event unchanged.
  // Immediate: RequestTokenNotFound.
  ProgressEvent cancel_resource_request(const Caller& caller, const std::string& request_token);

  // Forgets every resource and request.
  void reset();

  // Every resource as JSON text laid out as cloudcontrol/state_dump.h says (service_state.cc).
  // Holds mu_ only to copy pointers; the text is assembled after, from the stored text.
  std::string export_state(WriteOnlyValues values);
  // Replaces every resource with the dump's and forgets every request; an invalid dump changes
  // nothing. Throws ApiError kValidation (see load_state). Takes the dump to free it early.
  void import_state(nlohmann::json&& dump);
  // Every request in the ledger with its caller, oldest first.
  std::vector<std::pair<Caller, ProgressEvent>> requests();
  // Called with mu_ held after each change to the resources (reset, import, each applied Create,
  // Update or Delete); it must not call the service.
  // REQUIRES: set before the service serves any request.
  void set_change_listener(std::function<void()> listener);

 private:
  const resources::ResourceType& type_for(const std::string& type_name, const char* handler) const;
  // Replaces the model's read-only values with generated ones: the type's hooks first, then
  // values made from the schema for any the hooks left unset (issue 7). Needs no lock: it reads
  // only the type registry and the id generator.
  void generate_read_only(const resources::ResourceType& type, const Caller& caller, int64_t now_ms,
                          nlohmann::json& model);
  // REQUIRES: mu_ held, for all below.
  int64_t settle();
  void complete(ResourceRequest& request, int64_t now_ms);
  void observe(ResourceRequest& request, int64_t now_ms);
  std::optional<ProgressEvent> replay_client_token(const Caller& caller,
                                                   const std::optional<std::string>& client_token,
                                                   const std::string& fingerprint);
  // The equality filter ListResources applies: the handlerSchema's required properties, taken
  // from the ResourceModel. Throws kValidation (not JSON) or kInvalidRequest (one missing).
  static nlohmann::json list_filter(const schema::ResourceSchema& schema,
                                    const std::optional<std::string>& resource_model);
  ProgressEvent submit(const Caller& caller, const std::optional<std::string>& client_token,
                       const std::string& fingerprint, ResourceRequest request, int64_t now_ms);
  void refuse_if_busy(const store::Scope& scope, const std::string& identifier);
  [[noreturn]] void throw_not_found(const std::string& type_name, const std::string& identifier);
  void note_change();

  const resources::TypeRegistry& types_;
  Clock& clock_;
  IdGenerator& ids_;
  const ServiceOptions options_;

  std::mutex mu_;
  store::ResourceStore store_;             // Guarded by mu_.
  RequestLedger ledger_;                   // Guarded by mu_.
  std::function<void()> change_listener_;  // Set before serving, then only read.
};

}  // namespace ccemu::cloudcontrol
