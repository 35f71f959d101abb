#include "http/admin_state.h"

#include <algorithm>
#include <limits>
#include <optional>

#include "common/api_error.h"
#include "common/json_limits.h"
#include "http/admin.h"
#include "protocol/cloudcontrol_json/codec.h"

namespace ccemu::http {
namespace {

// GET /_ccemu/requests' optional query: operation, status, type (exact), order=newest, offset
// and limit (then the answer also says how many matched, as "total").
struct RequestFilter {
  std::string operation, status, type;
  bool newest_first = false;
  bool paged = false;
  size_t offset = 0;
  size_t limit = std::numeric_limits<size_t>::max();

  bool matches(const cloudcontrol::ProgressEvent& event) const {
    return (operation.empty() || cloudcontrol::to_string(event.operation) == operation) &&
           (status.empty() || cloudcontrol::to_string(event.status) == status) &&
           (type.empty() || event.type_name == type);
  }
};

std::optional<size_t> count(const std::string& text) {
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::stoul(text);
}

RequestFilter request_filter(const httplib::Request& req) {
  RequestFilter filter;
  filter.operation = req.get_param_value("operation");
  filter.status = req.get_param_value("status");
  filter.type = req.get_param_value("type");
  filter.newest_first = req.get_param_value("order") == "newest";
  if (auto offset = count(req.get_param_value("offset"))) {
    filter.offset = *offset;
    filter.paged = true;
  }
  if (auto limit = count(req.get_param_value("limit"))) {
    filter.limit = *limit;
    filter.paged = true;
  }
  return filter;
}

}  // namespace

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
  server.Get("/_ccemu/requests", [&service](const httplib::Request& req, httplib::Response& res) {
    const RequestFilter filter = request_filter(req);
    auto all = service.requests();
    if (filter.newest_first) std::ranges::reverse(all);
    nlohmann::json requests = nlohmann::json::array();
    size_t matched = 0;
    for (const auto& [caller, event] : all) {
      if (!filter.matches(event)) continue;
      if (matched++ < filter.offset || requests.size() >= filter.limit) continue;
      requests.push_back({{"account", caller.account},
                          {"region", caller.region},
                          {"event", protocol::cloudcontrol_json::encode(event)}});
    }
    nlohmann::json body = {{"requests", std::move(requests)}};
    if (filter.paged) body["total"] = matched;
    reply_json(res, 200, body);
  });
}

}  // namespace ccemu::http
