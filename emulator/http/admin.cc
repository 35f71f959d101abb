#include "http/admin.h"

#include <nlohmann/json.hpp>

namespace ccemu::http {

void register_admin_routes(httplib::Server& server, cloudcontrol::CloudControlService& service,
                           AdminInfo info) {
  const std::string health =
      nlohmann::json{{"status", "ok"}, {"version", info.version}, {"types", info.types}}.dump();
  server.Get("/_ccemu/health", [health](const httplib::Request&, httplib::Response& res) {
    res.set_content(health, "application/json");
  });
  server.Post("/_ccemu/reset", [&service](const httplib::Request&, httplib::Response& res) {
    service.reset();
    res.set_content(R"({"status":"reset"})", "application/json");
  });
}

}  // namespace ccemu::http
