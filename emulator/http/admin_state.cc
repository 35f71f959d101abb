#include "http/admin_state.h"

#include "common/api_error.h"
#include "common/json_limits.h"
#include "http/admin.h"
#include "protocol/cloudcontrol_json/codec.h"

namespace ccemu::http {

void register_state_routes(httplib::Server& server, cloudcontrol::CloudControlService& service,
                           const CrossSitePolicy& cross_site) {
  using cloudcontrol::WriteOnlyValues;
  server.Get("/_ccemu/state", [&service](const httplib::Request&, httplib::Response& res) {
    res.set_content(service.export_state(WriteOnlyValues::kMasked), "application/json");
  });
  server.Put("/_ccemu/state",
             with_body(cross_site, [&service](const std::string& body, httplib::Response& res) {
               std::string error;
               auto dump = parse_bounded_json(body, error, cloudcontrol::kStateDumpMaxDepth);
               if (!dump) return reply_error(res, 400, "Invalid state dump: " + error);
               try {
                 service.import_state(std::move(*dump));
               } catch (const ApiError& e) {
                 return reply_error(res, 400, e.what());
               }
               reply_json(res, 200, {{"status", "loaded"}});
             }));
  server.Get("/_ccemu/requests", [&service](const httplib::Request&, httplib::Response& res) {
    nlohmann::json requests = nlohmann::json::array();
    for (const auto& [caller, event] : service.requests()) {
      requests.push_back({{"account", caller.account},
                          {"region", caller.region},
                          {"event", protocol::cloudcontrol_json::encode(event)}});
    }
    reply_json(res, 200, {{"requests", std::move(requests)}});
  });
}

}  // namespace ccemu::http
