// Server: the HTTP front door. "POST /" goes to the Cloud Control protocol handler, or to the STS
// one when it carries no X-Amz-Target and a form body or an STS credential scope (as does a
// "GET /?Action=..."); the AppFlow API's paths ("POST /create-connector-profile", "/tags/...") go
// to the AppFlow one, "/_ccemu/*" to the admin API, whose requests from another site's browser page
// are refused (cross_site.h). Every API call is counted and kept for the dashboard
// (request_rate.h, recent_calls.h).
//
// Connections are served on an elastic worker pool (worker_pool.h), one worker per open
// connection, plain or TLS alike (http_servers.h); a request must arrive whole within
// `request_timeout`.
//
// Thread-safety: run() blocks the calling thread; stop() may be called from any other thread once
// bind() has returned, before or while run() runs (a stop before run() makes run() return at once).
#pragma once

#include <httplib.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "http/admin.h"
#include "http/cross_site.h"
#include "http/http_servers.h"
#include "http/recent_calls.h"
#include "http/request_rate.h"
#include "http/tls_context.h"
#include "protocol/handler.h"

namespace ccemu::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 4566;  // 0 picks a free port
  bool access_log = false;
  // PEM files: when both are set the server speaks HTTPS only (README "TLS").
  std::string tls_cert;
  std::string tls_key;
  // How long a request's head and body may take to arrive, however slowly they trickle in.
  std::chrono::seconds request_timeout{30};
  // --allowed-host: names besides loopback and `host` by which a browser may reach the admin API.
  std::vector<std::string> allowed_hosts;
};

class Server {
 public:
  // `appflow`, when given, serves the native AppFlow API (protocol/appflow_rest/); `sts`, when
  // given, STS (protocol/sts_query/).
  Server(ServerOptions options, const protocol::ProtocolHandler& protocol,
         cloudcontrol::CloudControlService& service, faults::FaultPlan& faults, AdminInfo admin,
         const protocol::ProtocolHandler* appflow = nullptr,
         const protocol::ProtocolHandler* sts = nullptr);

  // False when the TLS certificate or key could not be loaded.
  bool valid() const { return tls_ == nullptr || tls_->valid(); }
  // Binds the socket and returns the port. Throws std::runtime_error saying why it cannot:
  // "cannot listen on 127.0.0.1:4566: address already in use".
  int bind();
  // Serves until stop().
  void run();
  void stop();

 private:
  void register_appflow_routes();
  // Counts and keeps the API call `response` answers (`api`: "cloudcontrol", "appflow" or "sts"),
  // then writes it.
  void answer(const char* api, const protocol::Response& response, httplib::Response& res);

  const ServerOptions options_;
  const CrossSitePolicy cross_site_;
  AdminInfo admin_;
  RequestRate rate_;
  RecentCalls calls_{1000};
  const protocol::ProtocolHandler& protocol_;
  const protocol::ProtocolHandler* const appflow_;
  const protocol::ProtocolHandler* const sts_;
  const std::unique_ptr<TlsContext> tls_;  // nullptr when serving plain HTTP
  HttpServer http_;
};

}  // namespace ccemu::http
