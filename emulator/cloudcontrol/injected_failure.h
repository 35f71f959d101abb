// Fault injection's FAILED ProgressEvents (faults/fault_plan.h): a firing failed_event rule turns
// an accepted Create, Update or Delete into a FAILED request that changes nothing.
//
// Thread-safety: called by CloudControlService with its mutex held, which guards `request`.
#pragma once

#include "cloudcontrol/state_change.h"
#include "faults/fault_plan.h"

namespace ccemu::cloudcontrol {

// Decides `request`'s outcome by `faults` when a rule fires for its operation, type and identifier.
void apply_failed_event_fault(faults::FaultPlan& faults, PutRequest& request);

}  // namespace ccemu::cloudcontrol
