#include "http/server.h"

#include <chrono>
#include <cstdio>
#include <optional>

#include "http/access_log.h"
#include "http/worker_pool.h"
#include "protocol/appflow_rest/routes.h"

namespace ccemu::http {
namespace {

// A DesiredState may hold 262 144 characters; JSON-escaped inside the request body that grows to
// about 1.6 MiB, so every valid request fits.
constexpr size_t kMaxBodyBytes = 4 * 1024 * 1024;
// PUT /_ccemu/state takes a whole dump: 10 000 resources are about 10 MiB.
constexpr size_t kMaxAdminBodyBytes = 512 * 1024 * 1024;
// SDKs keep pools of idle keep-alive connections, each of which holds a worker while idle.
constexpr size_t kWorkers = 48;
// Enough for std::regex over the longest string a request can carry (reference §7).
constexpr size_t kWorkerStackBytes = 128 * 1024 * 1024;
// How long stopping waits for requests in flight; idle keep-alive connections are not waited for.
constexpr std::chrono::milliseconds kShutdownGrace{500};

// The access log's view of the request this thread is serving. cpp-httplib offers no per-request
// storage, but serves each request from routing to logging on one worker thread.
struct RequestInFlight {
  std::chrono::system_clock::time_point arrived;
  std::chrono::steady_clock::time_point started;
  bool timed = false;  // false when httplib refused the request before routing it
  AccessLogEntry entry;
};
thread_local RequestInFlight t_request;

void describe(const protocol::Response& response) {
  AccessLogEntry& entry = t_request.entry;
  entry.account = response.caller.account;
  entry.region = response.caller.region;
  entry.operation = response.operation;
  entry.type_name = response.type_name;
  entry.identifier = response.identifier;
  entry.error = response.error;
}

void log_request(const httplib::Request& req, const httplib::Response& res) {
  RequestInFlight request = std::move(t_request);
  t_request = RequestInFlight{};
  AccessLogEntry& entry = request.entry;
  if (entry.operation.empty()) entry.operation = req.method + " " + req.path;
  entry.time = request.timed ? request.arrived : std::chrono::system_clock::now();
  entry.status = res.status;
  if (request.timed) {
    entry.duration_us = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::steady_clock::now() - request.started)
                            .count();
  }
  const std::string line = access_log_line(entry);
  std::fwrite(line.data(), 1, line.size(), stderr);
}

protocol::Request to_protocol(const httplib::Request& req) {
  protocol::Request request;
  for (const auto& [name, value] : req.headers) {
    std::string lower = name;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // A repeated field reads as one comma-joined list (RFC 9110 §5.3), so two X-Amz-Targets name
    // no operation and two Credentials are refused, where the first used to win silently.
    auto [field, added] = request.headers.emplace(std::move(lower), value);
    if (!added) field->second += ", " + value;
  }
  request.body = req.body;
  request.method = req.method;
  const size_t query = req.target.find('?');
  request.path = req.target.substr(0, query);
  if (query != std::string::npos) request.query = req.target.substr(query + 1);
  return request;
}

std::string body_limit_message() {
  return "Request body exceeds the limit of " + std::to_string(kMaxBodyBytes) + " bytes.";
}

// cpp-httplib 0.11 frames a body by the first Content-Length and reads "2x" as 2; such requests
// are refused (RFC 9112 §6.3), and so is a declared length over the limit, before any is read.
std::optional<protocol::Response> framing_refusal(const httplib::Request& req,
                                                  const protocol::ProtocolHandler& protocol) {
  const std::string first = req.get_header_value("Content-Length");
  for (size_t i = 0; i < req.get_header_value_count("Content-Length"); ++i) {
    const std::string value = req.get_header_value("Content-Length", i);
    if (value != first || value.empty() || value.find_first_not_of("0123456789") != value.npos) {
      return protocol.error_response(
          ErrorCode::kSerialization,
          "Request framing is invalid: Content-Length must be one decimal number.");
    }
  }
  if (first.size() > 9 || (!first.empty() && std::stoull(first) > kMaxBodyBytes)) {
    return protocol.error_response(ErrorCode::kRequestEntityTooLarge, body_limit_message());
  }
  return std::nullopt;
}

// An API request, its body read here so that one over kMaxBodyBytes (chunked ones included) is
// refused without being buffered: the server-wide payload limit is the admin API's.
protocol::Response serve_api(const httplib::Request& req, const httplib::ContentReader& read_body,
                             const protocol::ProtocolHandler& protocol) {
  if (auto refusal = framing_refusal(req, protocol)) return *refusal;
  std::string body;
  bool too_large = false;
  // A request with neither Content-Length nor Transfer-Encoding has no body (RFC 9112 §6.3);
  // cpp-httplib 0.11 would fail reading one.
  const bool framed = req.has_header("Content-Length") || req.has_header("Transfer-Encoding");
  const bool whole = !framed || read_body([&](const char* data, size_t length) {
    too_large = body.size() + length > kMaxBodyBytes;
    if (!too_large) body.append(data, length);
    return !too_large;
  });
  if (too_large) {
    return protocol.error_response(ErrorCode::kRequestEntityTooLarge, body_limit_message());
  }
  if (!whole) {  // the client stopped sending before the body's end (read timeout or close)
    return protocol.error_response(ErrorCode::kSerialization,
                                   "Request body ended before its declared length.");
  }
  protocol::Request request = to_protocol(req);
  request.body = std::move(body);
  return protocol.handle(request);
}

void write(const protocol::Response& response, httplib::Response& res) {
  describe(response);
  res.status = response.status;
  res.set_header("x-amzn-RequestId", response.request_id);
  for (const auto& [name, value] : response.headers) res.set_header(name, value);
  res.set_content(response.body, response.content_type);
}

// A request no route took that an AppFlow client sent (its credential scope names the appflow
// service) is answered in AppFlow's format.
bool signed_for_appflow(const httplib::Request& req) {
  return req.get_header_value("Authorization").find("/appflow/aws4_request") != std::string::npos;
}

}  // namespace

Server::Server(ServerOptions options, const protocol::ProtocolHandler& protocol,
               cloudcontrol::CloudControlService& service, faults::FaultPlan& faults,
               AdminInfo admin, const protocol::ProtocolHandler* appflow)
    : options_(std::move(options)),
      protocol_(protocol),
      appflow_(appflow),
      owned_http_(options_.tls_cert.empty()
                      ? std::make_unique<httplib::Server>()
                      : std::make_unique<httplib::SSLServer>(options_.tls_cert.c_str(),
                                                             options_.tls_key.c_str())),
      http_(*owned_http_) {
  http_.new_task_queue = [] { return new WorkerPool(kWorkers, kWorkerStackBytes, kShutdownGrace); };
  // Without TCP_NODELAY, Nagle and delayed ACKs cap a keep-alive loop at ~40 requests/s.
  http_.set_tcp_nodelay(true);
  // SDKs reuse connections for many requests; httplib's default closes them after 5.
  http_.set_keep_alive_max_count(100000);
  http_.set_keep_alive_timeout(5);
  // A half-sent request must not hold a worker for long.
  http_.set_read_timeout(std::chrono::seconds(10));
  http_.set_write_timeout(std::chrono::seconds(10));
  // Admin state dumps may be far larger than Cloud Control bodies, which framing_refusal bounds.
  http_.set_payload_max_length(kMaxAdminBodyBytes);

  http_.Post("/", [this](const httplib::Request& req, httplib::Response& res,
                         const httplib::ContentReader& read_body) {
    write(serve_api(req, read_body, protocol_), res);
  });
  register_admin_routes(http_, service, faults, std::move(admin));
  if (appflow_ != nullptr) register_appflow_routes();

  // Failures httplib detects itself (oversized body, unknown route) still answer in AWS's format.
  http_.set_error_handler(httplib::Server::HandlerWithResponse(
      [this](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        const int status = res.status;
        const protocol::ProtocolHandler& api =
            appflow_ != nullptr && signed_for_appflow(req) ? *appflow_ : protocol_;
        if (status == 413) {
          write(api.error_response(ErrorCode::kRequestEntityTooLarge, body_limit_message()), res);
        } else if (&api == appflow_) {
          write(api.error_response(ErrorCode::kUnknownOperation,
                                   "No AppFlow operation at " + req.method + " " + req.path + "."),
                res);
        } else {
          write(protocol_.error_response(ErrorCode::kUnknownOperation,
                                         "No operation at " + req.method + " " + req.path +
                                             "; Cloud Control requests are POST /."),
                res);
          res.status = status;
        }
        return httplib::Server::HandlerResponse::Handled;
      }));
  http_.set_exception_handler(
      [this](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        write(protocol_.error_response(ErrorCode::kInternalFailure, "Internal failure."), res);
      });
  if (options_.access_log) {
    http_.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
      t_request.arrived = std::chrono::system_clock::now();
      t_request.started = std::chrono::steady_clock::now();
      t_request.timed = true;
      return httplib::Server::HandlerResponse::Unhandled;
    });
    http_.set_logger(log_request);
  }
}

void Server::register_appflow_routes() {
  const auto serve = [this](const httplib::Request& req, httplib::Response& res,
                            const httplib::ContentReader& read_body) {
    write(serve_api(req, read_body, *appflow_), res);
  };
  for (const auto& route : protocol::appflow_rest::routes()) {
    if (route.method == "POST" && route.path != "/tags/")
      http_.Post(std::string(route.path), serve);
  }
  // Tag operations bind the resource ARN in the path; GET and DELETE carry no body.
  const char* tags = "/tags/.+";
  http_.Post(tags, serve);
  const auto serve_bodiless = [this](const httplib::Request& req, httplib::Response& res) {
    write(appflow_->handle(to_protocol(req)), res);
  };
  http_.Get(tags, serve_bodiless);
  http_.Delete(tags, serve_bodiless);
}

int Server::bind() {
  if (options_.port == 0) return http_.bind_to_any_port(options_.host);
  return http_.bind_to_port(options_.host, options_.port) ? options_.port : -1;
}

void Server::run() { http_.listen_after_bind(); }

void Server::stop() { http_.stop(); }

}  // namespace ccemu::http
