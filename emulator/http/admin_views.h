// Admin routes the dashboard (/_ccemu/ui) reads; plain JSON any script may read too. Every list is
// paged on the server, so each answer stays small with 100,000 resources:
//   GET /_ccemu/overview   version, registry, uptime, behaviour flags, requests in the last
//                          minute, resources per account, region and type
//   GET /_ccemu/types?q=&offset=&limit=   served types whose name contains q (any case), with
//                          how many resources each has: {"total", "types": [{"name","resources"}]}
//   GET /_ccemu/types/<TypeName>   the schema's property roles (JSON pointers) and handlers
//   GET /_ccemu/resources?type=&account=&region=&after=&limit=   one scope's resources in
//                          identifier order after `after`: identifier, created, updated, tags;
//                          "next" is the `after` of the next page, null on the last
//   GET /_ccemu/resources/item?type=&account=&region=&identifier=   one resource: its model as
//                          GetResource shows it (write-only values left out) and its history,
//                          the requests that touched it with their ProgressEvents
//   GET /_ccemu/calls?api=&type=&errors=1&offset=&limit=   the last 1,000 API calls (Cloud
//                          Control and AppFlow, reads included), newest first: time, api,
//                          operation, type, identifier, account, region, status, error; "total"
//                          counts those kept that match, "seen" every call since start
// Unknown types and resources answer 404 {"message"}.
#pragma once

#include <httplib.h>

#include "cloudcontrol/service.h"
#include "http/admin.h"

namespace ccemu::http {

void register_view_routes(httplib::Server& server, cloudcontrol::CloudControlService& service,
                          const AdminInfo& info);

}  // namespace ccemu::http
