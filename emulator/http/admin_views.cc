#include "http/admin_views.h"

#include <algorithm>
#include <chrono>
#include <map>

#include "common/api_error.h"
#include "protocol/cloudcontrol_json/codec.h"

namespace ccemu::http {
namespace {

using nlohmann::json;

constexpr size_t kDefaultPage = 50;
constexpr size_t kMaxPage = 1000;

size_t count_param(const httplib::Request& req, const char* name, size_t fallback, size_t max) {
  const std::string text = req.get_param_value(name);
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos)
    return fallback;
  return std::min<size_t>(std::stoul(text), max);
}

std::string param_or(const httplib::Request& req, const char* name, const std::string& fallback) {
  return req.has_param(name) ? req.get_param_value(name) : fallback;
}

std::string lower(std::string text) {
  std::ranges::transform(text, text.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return text;
}

json pointers(const std::vector<json::json_pointer>& list) {
  json out = json::array();
  for (const auto& pointer : list) out.push_back(pointer.to_string());
  return out;
}

json tags_of(const store::ResourceMeta& meta) {
  json tags = json::object();
  if (meta.tags) {
    for (const auto& [key, value] : *meta.tags) tags[key] = value;
  }
  return tags;
}

json resource_row(const store::StoredResource& resource) {
  return {{"identifier", resource.identifier},
          {"created", resource.meta.created_ms},
          {"updated", resource.meta.updated_ms},
          {"tags", tags_of(resource.meta)}};
}

// Resources per type name, over every account and region.
std::map<std::string, size_t> per_type(cloudcontrol::CloudControlService& service) {
  std::map<std::string, size_t> counts;
  for (const auto& [scope, count] : service.resource_counts()) counts[scope.type_name] += count;
  return counts;
}

// A service refusal (unknown type) as the admin API's 404.
template <class Answer>
void answer_or_404(httplib::Response& res, Answer answer) {
  try {
    reply_json(res, 200, answer());
  } catch (const ApiError& e) {
    reply_error(res, 404, e.what());
  }
}

}  // namespace

void register_view_routes(httplib::Server& server, cloudcontrol::CloudControlService& service,
                          const AdminInfo& info) {
  const auto started = std::chrono::steady_clock::now();
  server.Get("/_ccemu/overview",
             [&service, &info, started](const httplib::Request&, httplib::Response& res) {
               json scopes = json::array();
               size_t total = 0;
               for (const auto& [scope, count] : service.resource_counts()) {
                 scopes.push_back({{"account", scope.account},
                                   {"region", scope.region},
                                   {"type", scope.type_name},
                                   {"resources", count}});
                 total += count;
               }
               const auto uptime = std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::steady_clock::now() - started);
               reply_json(res, 200,
                          {{"version", info.version},
                           {"registry", info.registry ? info.registry() : ""},
                           {"uptime_seconds", uptime.count()},
                           {"flags", info.flags},
                           {"types_served", info.types.size()},
                           {"requests_last_minute", info.rate ? info.rate->last_minute() : 0},
                           {"resources", total},
                           {"scopes", std::move(scopes)}});
             });
  server.Get("/_ccemu/types", [&service, &info](const httplib::Request& req,
                                                httplib::Response& res) {
    const std::string query = lower(req.get_param_value("q"));
    const size_t offset = count_param(req, "offset", 0, info.types.size());
    const size_t limit = count_param(req, "limit", kDefaultPage, kMaxPage);
    const auto counts = per_type(service);
    json page = json::array();
    size_t total = 0;
    for (const std::string_view served : info.types) {
      const std::string name(served);
      if (!query.empty() && lower(name).find(query) == std::string::npos) continue;
      if (total++ < offset || page.size() == limit) continue;
      const auto count = counts.find(name);
      page.push_back({{"name", name}, {"resources", count == counts.end() ? 0 : count->second}});
    }
    reply_json(res, 200, {{"total", total}, {"offset", offset}, {"types", std::move(page)}});
  });
  server.Get("/_ccemu/types/(.+)",
             [&service, &info](const httplib::Request& req, httplib::Response& res) {
               const std::string name = req.matches[1];
               const resources::ResourceType* type =
                   info.type_registry ? info.type_registry->find(name) : nullptr;
               if (type == nullptr) return reply_error(res, 404, "No served type " + name + ".");
               const schema::ResourceSchema& schema = *type->schema;
               json handlers = json::array();
               for (const char* handler : {"create", "read", "update", "delete", "list"}) {
                 if (schema.has_handler(handler)) handlers.push_back(handler);
               }
               const auto counts = per_type(service);
               const auto count = counts.find(name);
               reply_json(res, 200,
                          {{"name", name},
                           {"primaryIdentifier", pointers(schema.primary_identifier())},
                           {"readOnlyProperties", pointers(schema.read_only())},
                           {"writeOnlyProperties", pointers(schema.write_only())},
                           {"createOnlyProperties", pointers(schema.create_only())},
                           {"handlers", std::move(handlers)},
                           {"resources", count == counts.end() ? 0 : count->second}});
             });
  server.Get(
      "/_ccemu/resources", [&service, &info](const httplib::Request& req, httplib::Response& res) {
        const cloudcontrol::Caller caller{param_or(req, "account", info.default_account),
                                          param_or(req, "region", info.default_region)};
        const std::string type = req.get_param_value("type");
        const size_t limit = std::max<size_t>(1, count_param(req, "limit", kDefaultPage, kMaxPage));
        answer_or_404(res, [&] {
          bool more = false;
          const auto page = service.select_now(
              caller, type, [](const store::StoredModel&) { return true; },
              req.get_param_value("after"), limit, more);
          json rows = json::array();
          for (const auto& resource : page) rows.push_back(resource_row(resource));
          return json{{"account", caller.account},
                      {"region", caller.region},
                      {"type", type},
                      {"resources", std::move(rows)},
                      {"next", more ? json(page.back().identifier) : json(nullptr)}};
        });
      });
  server.Get("/_ccemu/calls", [&info](const httplib::Request& req, httplib::Response& res) {
    const std::string api = req.get_param_value("api");
    const std::string type = req.get_param_value("type");
    const bool errors_only = req.get_param_value("errors") == "1";
    const size_t offset = count_param(req, "offset", 0, kMaxPage * 1000);
    const size_t limit = count_param(req, "limit", kDefaultPage, kMaxPage);
    json page = json::array();
    size_t total = 0;
    if (info.calls) {
      for (const ApiCall& call : info.calls->newest_first()) {
        if ((!api.empty() && call.api != api) || (!type.empty() && call.type_name != type) ||
            (errors_only && call.error.empty())) {
          continue;
        }
        if (total++ < offset || page.size() == limit) continue;
        page.push_back({{"time", call.time_ms},
                        {"api", call.api},
                        {"operation", call.operation},
                        {"type", call.type_name},
                        {"identifier", call.identifier},
                        {"account", call.account},
                        {"region", call.region},
                        {"status", call.status},
                        {"error", call.error}});
      }
    }
    reply_json(res, 200,
               {{"total", total},
                {"seen", info.calls ? info.calls->total() : 0},
                {"calls", std::move(page)}});
  });
  server.Get("/_ccemu/resources/item", [&service, &info](const httplib::Request& req,
                                                         httplib::Response& res) {
    const cloudcontrol::Caller caller{param_or(req, "account", info.default_account),
                                      param_or(req, "region", info.default_region)};
    const std::string type = req.get_param_value("type");
    const std::string identifier = req.get_param_value("identifier");
    answer_or_404(res, [&] {
      const auto found = service.find_now(caller, type, {identifier});
      if (found.empty()) {
        throw ApiError(ErrorCode::kResourceNotFound,
                       "No " + type + " with identifier " + identifier + ".");
      }
      json history = json::array();
      for (const auto& [request_caller, event] : service.requests()) {
        if (request_caller.account == caller.account && request_caller.region == caller.region &&
            event.type_name == type && event.identifier == identifier) {
          history.push_back(protocol::cloudcontrol_json::encode(event));
        }
      }
      json row = resource_row(found.front());
      // The read view: what GetResource answers, write-only values left out.
      row["model"] = json::parse(found.front().model->read_view_text());
      row["history"] = std::move(history);
      return row;
    });
  });
}

}  // namespace ccemu::http
