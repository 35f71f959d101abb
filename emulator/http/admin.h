// The admin API under /_ccemu/: plain JSON, never reached by a Cloud Control client because
// Cloud Control only ever uses "POST /" (README "Command line": admin endpoints).
#pragma once

#include <httplib.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cloudcontrol/service.h"
#include "faults/fault_plan.h"
#include "http/cross_site.h"
#include "http/recent_calls.h"
#include "http/request_rate.h"
#include "resources/type_registry.h"

namespace ccemu::http {

struct AdminInfo {
  std::string version;
  std::vector<std::string_view> types;  // every served type name, in order (type_registry's)
  // The registry bundle line of --version, read when asked (start-up never reads the index).
  std::function<std::string()> registry;
  nlohmann::json flags;  // the flags that change behaviour, for the dashboard
  std::string default_account, default_region;
  const resources::TypeRegistry* type_registry = nullptr;
  const RequestRate* rate = nullptr;   // set by the Server
  const RecentCalls* calls = nullptr;  // set by the Server
};

// Adds every admin route to `server`: health and reset here, the routes of admin_state.h,
// admin_faults.h, admin_views.h and dashboard.h. `info` must outlive the server.
void register_admin_routes(httplib::Server& server, cloudcontrol::CloudControlService& service,
                           faults::FaultPlan& faults, const AdminInfo& info,
                           const CrossSitePolicy& cross_site);

// Admin answers: `body` as JSON with `status`; failures as {"message": "..."}.
void reply_json(httplib::Response& res, int status, const nlohmann::json& body);
void reply_error(httplib::Response& res, int status, const std::string& message);

// A POST, PUT or DELETE admin route's handler, given the request body: empty when none was sent
// (`curl -X POST` sends no Content-Length), else at most 512 MiB (a whole state dump). The body is
// read first, so a refused request leaves nothing behind on its connection; then a cross-site
// request is refused with 403 before `handler` runs.
using AdminBodyHandler = std::function<void(const std::string& body, httplib::Response& res)>;
httplib::Server::HandlerWithContentReader with_body(const CrossSitePolicy& cross_site,
                                                    AdminBodyHandler handler);

// The request's Origin, Sec-Fetch-Site, Host and local address, for CrossSitePolicy.
RequestOrigin request_origin(const httplib::Request& req);

}  // namespace ccemu::http
