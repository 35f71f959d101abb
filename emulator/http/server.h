// Server: the HTTP front door. "POST /" goes to the Cloud Control protocol handler, the AppFlow
// API's paths ("POST /create-connector-profile", "/tags/...") to the AppFlow one, "/_ccemu/*" to
// the admin API.
//
// Thread-safety: run() blocks the calling thread; stop() may be called from any other thread.
#pragma once

#include <httplib.h>

#include <memory>
#include <string>

#include "http/admin.h"
#include "protocol/handler.h"

namespace ccemu::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 4566;  // 0 picks a free port
  bool access_log = false;
  // PEM files: when both are set the server speaks HTTPS only (README "TLS").
  std::string tls_cert;
  std::string tls_key;
};

class Server {
 public:
  // `appflow`, when given, serves the native AppFlow API (protocol/appflow_rest/).
  Server(ServerOptions options, const protocol::ProtocolHandler& protocol,
         cloudcontrol::CloudControlService& service, faults::FaultPlan& faults, AdminInfo admin,
         const protocol::ProtocolHandler* appflow = nullptr);

  // False when the TLS certificate or key could not be loaded.
  bool valid() const { return http_.is_valid(); }
  // Binds the socket and returns the port, or -1 when it cannot bind.
  int bind();
  // Serves until stop().
  void run();
  void stop();

 private:
  void register_appflow_routes();

  const ServerOptions options_;
  const protocol::ProtocolHandler& protocol_;
  const protocol::ProtocolHandler* const appflow_;
  const std::unique_ptr<httplib::Server> owned_http_;  // an httplib::SSLServer under TLS
  httplib::Server& http_;
};

}  // namespace ccemu::http
