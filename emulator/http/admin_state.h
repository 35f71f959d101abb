// Admin routes over the service's whole state (README "State and snapshots"):
//   GET /_ccemu/state     every resource, write-only values masked (cloudcontrol/state_dump.h)
//   PUT /_ccemu/state     replaces every resource with a dump's and forgets every request; an
//                         invalid dump is refused with 400 and changes nothing
//   GET /_ccemu/requests  the request ledger: {"requests": [{"account", "region", "event"}]},
//                         oldest first, each event as GetResourceRequestStatus shows it;
//                         optionally filtered (operation, status, type), newest first
//                         (order=newest) and paged (offset, limit: then "total" says how many
//                         matched)
#pragma once

#include <httplib.h>

#include "cloudcontrol/service.h"
#include "http/cross_site.h"

namespace ccemu::http {

void register_state_routes(httplib::Server& server, cloudcontrol::CloudControlService& service,
                           const CrossSitePolicy& cross_site);

}  // namespace ccemu::http
