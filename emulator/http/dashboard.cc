#include "http/dashboard.h"

#include <string>

#include "http/dashboard_assets.h"

namespace ccemu::http {
namespace {

void serve(const DashboardAsset& asset, httplib::Response& res) {
  // Everything the page loads is its own: no other origin, no inline script, and no framing by
  // another site (which could trick a click on Reset).
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                 "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Cache-Control", "no-cache");
  res.set_content(std::string(asset.body), std::string(asset.content_type));
}

const DashboardAsset* find_asset(const std::string& name) {
  for (const DashboardAsset& asset : dashboard_assets()) {
    if (asset.name == name) return &asset;
  }
  return nullptr;
}

}  // namespace

void register_dashboard_routes(httplib::Server& server) {
  server.Get("/_ccemu/?", [](const httplib::Request&, httplib::Response& res) {
    res.set_redirect("/_ccemu/ui");
  });
  server.Get("/_ccemu/ui/?", [](const httplib::Request&, httplib::Response& res) {
    serve(*find_asset("index.html"), res);
  });
  server.Get("/_ccemu/ui/([A-Za-z0-9_.-]+)",
             [](const httplib::Request& req, httplib::Response& res) {
               const DashboardAsset* asset = find_asset(req.matches[1]);
               if (asset == nullptr) {
                 res.status = 404;  // the error handler answers
                 return;
               }
               serve(*asset, res);
             });
}

}  // namespace ccemu::http
