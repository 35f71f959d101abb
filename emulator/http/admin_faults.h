// Admin routes over the fault injection rules (README "Fault injection"):
//   GET    /_ccemu/faults  {"rules": [...]}: every rule with its id, times fired and remaining
//   POST   /_ccemu/faults  adds one rule or an array of rules (faults/fault_rule.h); an invalid
//                          one is refused with 400 and none is added; answers like GET
//   DELETE /_ccemu/faults  removes every rule; answers like GET
//   DELETE /_ccemu/faults/<id>  removes that rule (404 when there is none); answers like GET
#pragma once

#include <httplib.h>

#include "faults/fault_plan.h"
#include "http/cross_site.h"

namespace ccemu::http {

void register_fault_routes(httplib::Server& server, faults::FaultPlan& faults,
                           const CrossSitePolicy& cross_site);

}  // namespace ccemu::http
