#include "cloudcontrol/injected_failure.h"

namespace ccemu::cloudcontrol {
namespace {

// The X-Amz-Target operation that submits a request of this kind, as fault rules name it.
std::string_view operation_name(Operation operation) {
  switch (operation) {
    case Operation::kCreate:
      return "CreateResource";
    case Operation::kUpdate:
      return "UpdateResource";
    case Operation::kDelete:
      return "DeleteResource";
  }
  return "";
}

}  // namespace

void apply_failed_event_fault(faults::FaultPlan& faults, PutRequest& request) {
  auto fault = faults.failed_event(
      {operation_name(request.operation), request.scope.type_name, request.identifier});
  if (!fault) return;
  PendingRecord& change = *request.pending;
  change.outcome = OperationStatus::kFailed;
  change.error_code = fault->error_code;
  change.message = fault->status_message;
  change.new_model.reset();
}

}  // namespace ccemu::cloudcontrol
