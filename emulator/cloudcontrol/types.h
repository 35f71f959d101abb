// The typed inputs and outputs of the eight Cloud Control operations (spec §3-4).
//
// Members the model marks optional are std::optional. DesiredState, PatchDocument and ResourceModel
// stay JSON text here; the operations parse them (spec §2: "Properties ... holding JSON text").
// A read's Properties is the stored model itself, whose read view text is written as it is.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/stored_model.h"

namespace ccemu::cloudcontrol {

enum class Operation : uint8_t { kCreate, kUpdate, kDelete };
enum class OperationStatus : uint8_t {
  kPending,
  kInProgress,
  kSuccess,
  kFailed,
  kCancelInProgress,
  kCancelComplete
};

std::string_view to_string(Operation operation);
std::string_view to_string(OperationStatus status);
std::optional<Operation> parse_operation(std::string_view text);
std::optional<OperationStatus> parse_operation_status(std::string_view text);
bool is_terminal(OperationStatus status);

// Whose state a request touches (design.md "Identity").
struct Caller {
  std::string account{};
  std::string region{};
  // The access key id the request was signed with, when it names one (STS GetCallerIdentity
  // answers the principal behind it).
  std::string access_key_id{};
};

struct ProgressEvent {
  std::string type_name{};
  std::string identifier{};  // empty until known
  std::string request_token{};
  Operation operation = Operation::kCreate;
  OperationStatus status = OperationStatus::kInProgress;
  int64_t event_time_ms = 0;
  std::optional<std::string> status_message{};
  std::optional<std::string> error_code{};  // a HandlerErrorCode, only when FAILED
};

struct ResourceDescription {
  std::string identifier{};
  // Properties: model->append_read_view_literal(), the read view (spec §5.4) as a JSON string.
  store::ModelRef model{};
};

struct CreateResourceInput {
  std::string type_name{};
  std::optional<std::string> type_version_id{};
  std::optional<std::string> role_arn{};
  std::optional<std::string> client_token{};
  std::string desired_state{};
};

struct GetResourceInput {
  std::string type_name{};
  std::optional<std::string> type_version_id{};
  std::optional<std::string> role_arn{};
  std::string identifier{};
};

struct GetResourceOutput {
  std::string type_name{};
  ResourceDescription description{};
};

struct ListResourcesInput {
  std::string type_name{};
  std::optional<std::string> type_version_id{};
  std::optional<std::string> role_arn{};
  std::optional<std::string> next_token{};
  std::optional<int64_t> max_results{};
  std::optional<std::string> resource_model{};
};

struct ListResourcesOutput {
  std::string type_name{};
  std::vector<ResourceDescription> descriptions{};
  std::optional<std::string> next_token{};
};

struct UpdateResourceInput {
  std::string type_name{};
  std::optional<std::string> type_version_id{};
  std::optional<std::string> role_arn{};
  std::optional<std::string> client_token{};
  std::string identifier{};
  std::string patch_document{};
};

struct DeleteResourceInput {
  std::string type_name{};
  std::optional<std::string> type_version_id{};
  std::optional<std::string> role_arn{};
  std::optional<std::string> client_token{};
  std::string identifier{};
};

struct ListResourceRequestsInput {
  std::optional<int64_t> max_results{};
  std::optional<std::string> next_token{};
  std::vector<Operation> operations{};
  std::vector<OperationStatus> statuses{};
};

struct ListResourceRequestsOutput {
  std::vector<ProgressEvent> summaries{};
  std::optional<std::string> next_token{};
};

}  // namespace ccemu::cloudcontrol
