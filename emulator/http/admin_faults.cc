#include "http/admin_faults.h"

#include <stdexcept>

#include "common/json_limits.h"
#include "http/admin.h"

namespace ccemu::http {

void register_fault_routes(httplib::Server& server, faults::FaultPlan& faults,
                           const CrossSitePolicy& cross_site) {
  server.Get("/_ccemu/faults", [&faults](const httplib::Request&, httplib::Response& res) {
    reply_json(res, 200, faults.describe());
  });
  server.Post("/_ccemu/faults",
              with_body(cross_site, [&faults](const std::string& body, httplib::Response& res) {
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
  server.Delete("/_ccemu/faults",
                with_body(cross_site, [&faults](const std::string&, httplib::Response& res) {
                  faults.clear();
                  reply_json(res, 200, faults.describe());
                }));
  server.Delete(R"(/_ccemu/faults/(\d{1,18}))",
                [&cross_site, &faults](const httplib::Request& req, httplib::Response& res,
                                       const httplib::ContentReader& read) {
                  const uint64_t id = std::stoull(req.matches[1]);
                  with_body(cross_site, [&faults, id](const std::string&, httplib::Response& res) {
                    if (!faults.remove(id)) {
                      return reply_error(res, 404, "No fault rule " + std::to_string(id) + ".");
                    }
                    reply_json(res, 200, faults.describe());
                  })(req, res, read);
                });
}

}  // namespace ccemu::http
