#include "http/admin_faults.h"

#include <stdexcept>

#include "common/json_limits.h"
#include "http/admin.h"

namespace ccemu::http {

void register_fault_routes(httplib::Server& server, faults::FaultPlan& faults) {
  server.Get("/_ccemu/faults", [&faults](const httplib::Request&, httplib::Response& res) {
    reply_json(res, 200, faults.describe());
  });
  server.Post("/_ccemu/faults",
              with_body([&faults](const std::string& body, httplib::Response& res) {
                std::string error;
                auto rules = parse_bounded_json(body, error);
                if (!rules) return reply_error(res, 400, "Invalid fault rules: " + error);
                try {
                  faults.add(*rules);
                } catch (const std::invalid_argument& e) {
                  return reply_error(res, 400, e.what());
                }
                reply_json(res, 200, faults.describe());
              }));
  server.Delete("/_ccemu/faults", with_body([&faults](const std::string&, httplib::Response& res) {
                  faults.clear();
                  reply_json(res, 200, faults.describe());
                }));
}

}  // namespace ccemu::http
