// StateChange: one change to what a client can observe (a resource, its tags, a request, a
// remembered client token), and ChangeSet: the changes one operation makes at one moment.
//
// The service decides an operation as a ChangeSet, appends it to the journal (store/journal.h)
// and only then applies it; start-up applies the journal's ChangeSets the same way. So a change is
// applied whole or not at all, and a replay rebuilds exactly what was answered.
//
// encode()/decode() give a ChangeSet's compact binary form: a version byte, the time, the ids
// drawn, then each change as a kind byte and its fields (strings length-prefixed, numbers as
// varints or 8 bytes). Version 3 holds a RequestToken as its 16 bytes.
//
// Thread-safety: plain values and free functions.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "cloudcontrol/request_token.h"
#include "cloudcontrol/types.h"
#include "resources/type_registry.h"
#include "store/resource_store.h"

namespace ccemu::cloudcontrol {

// Makes `model` the resource's; `meta`, when given, replaces its times and tags (loads), else a new
// resource counts as created at the ChangeSet's time and either way changed then.
struct PutResource {
  store::Scope scope;
  std::string identifier;
  store::ModelRef model;
  std::optional<store::ResourceMeta> meta{};
};
struct EraseResource {
  store::Scope scope;
  std::string identifier;
};
struct SetTags {
  store::Scope scope;
  std::string identifier;
  std::map<std::string, std::string> tags;  // empty: none
};
// What a request will do when it completes: decided at submission, shown and applied on
// completion, then dropped.
struct PendingRecord {
  OperationStatus outcome = OperationStatus::kSuccess;
  std::optional<std::string> error_code, message;
  store::ModelRef new_model;  // put on SUCCESS; null with SUCCESS means erase
  // When the request completes: after `polls_left` more status polls, or at `due_ms`.
  int polls_left = 0;
  std::optional<int64_t> due_ms;
};
// A request as it is now: added when its token is new, else replacing the one with that token.
struct PutRequest {
  store::Scope scope;  // the caller's
  // The region whose store the request changes when it is not the caller's: a global type's home
  // (same account and type).
  std::optional<std::string> home_region{};
  RequestToken token{};
  std::string identifier{};  // empty until known
  Operation operation = Operation::kCreate;
  OperationStatus status = OperationStatus::kInProgress;
  int64_t event_time_ms = 0;
  std::optional<std::string> status_message{};
  std::optional<std::string> error_code{};  // a HandlerErrorCode, only when FAILED
  int64_t created_ms = 0;
  std::optional<PendingRecord> pending{};  // until the request completes

  // The store scope the request changes.
  store::Scope kept_in() const {
    return home_region ? store::Scope{scope.account, *home_region, scope.type_name} : scope;
  }
  // What a status call shows.
  ProgressEvent event() const;
};
// A Cloud Control ClientToken (spec §5.1).
struct RememberClientToken {
  Caller caller;
  std::string client_token;
  std::string fingerprint;
  std::string request_token;
  int64_t used_ms = 0;
};
// An AppFlow clientToken and the answer it gave (service.h, ClientTokenUse).
struct RememberImmediateToken {
  Caller caller;
  std::string token;
  std::string fingerprint;
  std::string type_name;
  std::string identifier;
  store::ModelRef model;  // write-only values included
  store::ResourceMeta meta;
  int64_t used_ms = 0;
};
// Forgets every resource, request and token (reset, and an imported dump's first change).
struct ResetAll {};

using StateChange = std::variant<PutResource, EraseResource, SetTags, PutRequest,
                                 RememberClientToken, RememberImmediateToken, ResetAll>;

struct ChangeSet {
  int64_t at_ms = 0;
  std::vector<StateChange> changes;
  // The id generator's count when the set was journaled (IdGenerator::drawn()): a restart under
  // --seed skips that many, so it makes no RequestToken twice.
  uint64_t ids_drawn = 0;
};

std::string encode(const ChangeSet& set);
// The ChangeSet `payload` holds, or nullopt when it is not one (a corrupt record). Models are made
// with the write-only values their type's schema names; a type not served is nullopt too.
std::optional<ChangeSet> decode(std::string_view payload, const resources::TypeRegistry& types);

}  // namespace ccemu::cloudcontrol
