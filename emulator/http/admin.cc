#include "http/admin.h"

#include "common/json_text.h"
#include "http/admin_faults.h"
#include "http/admin_state.h"
#include "http/admin_views.h"
#include "http/dashboard.h"
#include "http/request_body.h"

namespace ccemu::http {

void reply_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json");
}

void reply_error(httplib::Response& res, int status, const std::string& message) {
  reply_json(res, status, {{"message", message}});
}

RequestOrigin request_origin(const httplib::Request& req) {
  const auto header = [&req](const char* name) -> std::optional<std::string> {
    if (!req.has_header(name)) return std::nullopt;
    return req.get_header_value(name);
  };
  return {req.method, header("Origin"), header("Sec-Fetch-Site"), req.get_header_value("Host"),
          req.get_header_value("LOCAL_ADDR")};
}

httplib::Server::HandlerWithContentReader with_body(const CrossSitePolicy& cross_site,
                                                    AdminBodyHandler handler) {
  // PUT /_ccemu/state takes a whole dump: 10 000 resources are about 10 MiB.
  constexpr size_t kMaxAdminBodyBytes = 512 * 1024 * 1024;
  return
      [&cross_site, handler = std::move(handler)](
          const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& read) {
        RequestBody body = read_request_body(req, read, kMaxAdminBodyBytes);
        if (body.problem != RequestBody::Problem::kNone) {
          const int status = body.problem == RequestBody::Problem::kTooLarge ? 413 : 400;
          return reply_error(res, status, describe(body.problem, kMaxAdminBodyBytes));
        }
        if (auto refusal = cross_site.refusal(request_origin(req))) {
          return reply_error(res, 403, *refusal);
        }
        handler(body.text, res);
      };
}

void register_admin_routes(httplib::Server& server, cloudcontrol::CloudControlService& service,
                           faults::FaultPlan& faults, const AdminInfo& info,
                           const CrossSitePolicy& cross_site) {
  // What dumping {"status", "types", "version"} writes, written directly: it lists every served
  // type (1,665 with the bundle) and is made at every start.
  size_t size = info.version.size() + 64;
  for (const std::string_view name : info.types) size += name.size() + 3;
  std::string health;
  health.reserve(size);
  health += R"({"status":"ok","types":[)";
  for (const std::string_view name : info.types) {
    if (health.back() != '[') health += ',';
    append_json_string(health, name);
  }
  health += R"(],"version":)";
  append_json_string(health, info.version);
  health += '}';
  server.Get("/_ccemu/health",
             [health = std::move(health)](const httplib::Request&, httplib::Response& res) {
               res.set_content(health, "application/json");
             });
  server.Post("/_ccemu/reset",
              with_body(cross_site, [&service](const std::string&, httplib::Response& res) {
                service.reset();
                res.set_content(R"({"status":"reset"})", "application/json");
              }));
  register_state_routes(server, service, cross_site);
  register_fault_routes(server, faults, cross_site);
  register_view_routes(server, service, info);
  register_dashboard_routes(server);
}

}  // namespace ccemu::http
