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

void apply_failed_event_fault(faults::FaultPlan& faults, ResourceRequest& request) {
  const ProgressEvent& event = request.event;
  auto fault =
      faults.failed_event({operation_name(event.operation), event.type_name, event.identifier});
  if (!fault) return;
  request.outcome = OperationStatus::kFailed;
  request.outcome_error_code = fault->error_code;
  request.outcome_message = fault->status_message;
  request.new_model.reset();
}

}  // namespace ccemu::cloudcontrol
