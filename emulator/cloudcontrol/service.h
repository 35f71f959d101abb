// CloudControlService: the eight Cloud Control operations over typed inputs (spec §3-5).
//
// Immediate failures are thrown as ApiError (their codes are listed per method); outcomes the
// real service reports asynchronously come back as a FAILED ProgressEvent (spec §5.6).
//
// Every change is decided as a ChangeSet (cloudcontrol/state_change.h), appended to the journal
// when there is one, and only then applied; a journal that cannot take it fails the request with
// ServiceInternalError and nothing applied. Under --state-sync always the answer waits, after mu_
// is released, until the change is on disk.
//
// Thread-safety: every public method locks mu_, which guards store_, ledger_, the AppFlow tokens
// and journal appends (so the journal's order is the order of application). Time and ids come from
// the injected Clock and IdGenerator, which are thread-safe themselves.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <tuple>
#include <utility>
#include <vector>

#include "cloudcontrol/request_ledger.h"
#include "cloudcontrol/state_change.h"
#include "cloudcontrol/state_dump.h"
#include "cloudcontrol/types.h"
#include "common/clock.h"
#include "common/id_generator.h"
#include "faults/fault_plan.h"
#include "resources/type_registry.h"
#include "store/journal.h"
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
  // --serve-non-provisionable: types without handlers get every operation instead of AWS's refusal.
  bool serve_non_provisionable = false;
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
  // CANCEL_IN_PROGRESS for an unfinished request; one in CANCEL_IN_PROGRESS is answered unchanged.
  // Immediate: RequestTokenNotFound, Validation (the request has finished).
  ProgressEvent cancel_resource_request(const Caller& caller, const std::string& request_token);

  // Changes applied at once, for an API that answers with the outcome instead of a ProgressEvent
  // (the native AppFlow API, protocol/appflow_rest/). Same schema and service-rule validation,
  // read-only generation and store as the operations above; no request ledger, no ClientToken.
  // Models are full (write-only values included): the caller decides what it shows.
  // (immediate_operations.cc)
  struct CurrentResource {
    std::string identifier;
    nlohmann::json model;
    store::ResourceMeta meta;  // what an API may show beside the model itself
  };
  // A client token of an immediate change (AppFlow's clientToken): within 8 hours, the same token
  // with the same request answers as the first time did, with another request kConflict.
  struct ClientTokenUse {
    std::string token;
    std::string fingerprint;  // the request as the API compares requests
  };
  // Throws ApiError: kTypeNotFound; kValidation (schema, or the service rules under --validation
  // service, message without "Invalid request provided: "); kAlreadyExists (the identifier
  // exists); kConflict (a Cloud Control request on it is still in progress, or the token was used
  // for another request).
  CurrentResource create_now(const Caller& caller, const std::string& type_name,
                             nlohmann::json model,
                             const std::optional<ClientTokenUse>& token = std::nullopt);
  // Replaces the model with change(current model), validated as on create; read-only values are
  // kept. Throws as create_now, and kResourceNotFound.
  CurrentResource update_now(const Caller& caller, const std::string& type_name,
                             const std::string& identifier,
                             const std::function<nlohmann::json(const nlohmann::json&)>& change,
                             const std::optional<ClientTokenUse>& token = std::nullopt);
  // Throws kTypeNotFound, kResourceNotFound, kConflict (a request in progress).
  void delete_now(const Caller& caller, const std::string& type_name,
                  const std::string& identifier);
  // Up to `limit` resources `selected` accepts whose identifier sorts after `after`, in
  // identifier order; `more` tells whether another follows. Throws kTypeNotFound.
  std::vector<store::StoredResource> select_now(
      const Caller& caller, const std::string& type_name,
      const std::function<bool(const store::StoredModel&)>& selected, const std::string& after,
      size_t limit, bool& more);
  // The stored resources among `identifiers` (duplicates and unknown ones ignored), in identifier
  // order. Throws kTypeNotFound.
  std::vector<store::StoredResource> find_now(const Caller& caller, const std::string& type_name,
                                              const std::set<std::string>& identifiers);
  // The resource's tags after adding `add` (replacing equal keys) and removing `remove`. Throws
  // kTypeNotFound, kResourceNotFound.
  std::map<std::string, std::string> retag_now(const Caller& caller, const std::string& type_name,
                                               const std::string& identifier,
                                               const std::map<std::string, std::string>& add,
                                               const std::vector<std::string>& remove);

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
  // How many resources each (account, region, type) holds (store::ResourceStore::counts).
  std::vector<std::pair<store::Scope, size_t>> resource_counts();
  // Appends every later change to `journal` before applying it (nullptr: none).
  // REQUIRES: set before the service serves any request.
  void set_journal(store::Journal* journal);
  // Applies one journal record (store/journal.h) made by this service, first completing the
  // requests due by its time. False when the payload is not one (a corrupt record).
  bool replay(std::string_view payload);
  // The whole state as a snapshot file holds it (state_dump.h, version 2), with the journal's
  // generation that follows it: the journal is rotated under mu_, at the moment the state is
  // copied. Throws std::system_error when the journal cannot be rotated.
  std::string export_snapshot(store::Journal& journal);
  // Replaces the whole state with a snapshot file's (version 1 or 2) and returns the journal
  // generation that follows it (0 for version 1). Throws ApiError kValidation as import_state.
  uint64_t restore_snapshot(nlohmann::json&& dump);

 private:
  const resources::ResourceType& type_for(const std::string& type_name, const char* handler) const;
  // Where the caller's resources of `type` are kept: per account and region, except a global
  // service's (type.global(): IAM, CloudFront, ...), one set per account under the partition's
  // home region, so every region sees and addresses the same resources.
  static store::Scope scope_of(const resources::ResourceType& type, const Caller& caller,
                               const std::string& type_name);
  // The dump's resources, checked (load_state) and completed with the read-only values a create
  // would make. Takes no lock.
  store::ResourceStore load_dump(const nlohmann::json& dump, int64_t now_ms);
  // Replaces the model's read-only values with generated ones: the type's hooks first, then
  // values made from the schema for any the hooks left unset (issue 7). Needs no lock: it reads
  // only the type registry and the id generator.
  void generate_read_only(const resources::ResourceType& type, const Caller& caller, int64_t now_ms,
                          nlohmann::json& model);
  // Runs `body` under mu_, then waits until the changes it committed are durable (SyncMode).
  void durably(const std::function<void()>& body);
  // REQUIRES: mu_ held, for all below.
  // Gives `request` the caller's scope (its status is the caller's to read) and the store scope
  // it changes.
  static void place(PutRequest& request, const Caller& caller, const store::Scope& scope);
  int64_t settle();
  // Completes the requests due by `now_ms` and forgets expired ones; not journaled, since a
  // replay does the same by each record's time.
  void settle_to(int64_t now_ms);
  // The changes that complete `request` at `now_ms`.
  static ChangeSet completion(const PutRequest& request, int64_t now_ms);
  void observe(ResourceRequest& request, int64_t now_ms);
  // Journals then applies `set`. Throws ApiError kServiceInternalError when the journal refuses
  // it; then nothing is applied.
  void commit(ChangeSet&& set);
  void apply(ChangeSet&& set);
  void apply_change(StateChange&& change, int64_t at_ms);
  std::optional<ProgressEvent> replay_client_token(const Caller& caller,
                                                   const std::optional<std::string>& client_token,
                                                   const std::string& fingerprint);
  // The equality filter ListResources applies: the handlerSchema's required properties, taken
  // from the ResourceModel. Throws kValidation (not JSON) or kInvalidRequest (one missing).
  static nlohmann::json list_filter(const schema::ResourceSchema& schema,
                                    const std::optional<std::string>& resource_model);
  ProgressEvent submit(const Caller& caller, const std::optional<std::string>& client_token,
                       const std::string& fingerprint, PutRequest request, int64_t now_ms);
  void refuse_if_busy(const store::Scope& scope, const std::string& identifier);
  [[noreturn]] void throw_not_found(const std::string& type_name, const std::string& identifier);
  // The caller's request with that token; RequestTokenNotFoundException otherwise. REQUIRES: mu_.
  ResourceRequest& request_now(const Caller& caller, const std::string& request_token);
  const resources::ResourceType& type_for_now(const std::string& type_name) const;
  // The answer remembered for `token`, or nullopt for a new one; kConflict for another request.
  std::optional<CurrentResource> replay_token_now(const Caller& caller,
                                                  const std::optional<ClientTokenUse>& token,
                                                  int64_t now_ms);
  void remember_token_now(const Caller& caller, const std::optional<ClientTokenUse>& token,
                          const std::string& type_name, const std::string& identifier,
                          store::ModelRef model, const store::ResourceMeta& meta, ChangeSet& set);

  const resources::TypeRegistry& types_;
  Clock& clock_;
  IdGenerator& ids_;
  const ServiceOptions options_;

  std::mutex mu_;
  store::ResourceStore store_;         // Guarded by mu_.
  RequestLedger ledger_;               // Guarded by mu_.
  store::Journal* journal_ = nullptr;  // Set before serving, then only read.
  uint64_t ticket_ = 0;                // Guarded by mu_: the last append's, for durably().
  // Client tokens of immediate changes by (account, region, token), and their order of arrival
  // for forgetting them after 8 hours. Guarded by mu_.
  struct RememberedToken {
    std::string fingerprint;
    std::string type_name;
    std::string identifier;
    store::ModelRef model;
    store::ResourceMeta meta;
    int64_t at_ms = 0;
  };
  std::map<std::tuple<std::string, std::string, std::string>, RememberedToken> immediate_tokens_;
  std::deque<std::pair<int64_t, std::tuple<std::string, std::string, std::string>>>
      immediate_token_order_;
};

}  // namespace ccemu::cloudcontrol
