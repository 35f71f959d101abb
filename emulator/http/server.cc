#include "http/server.h"

#include <chrono>
#include <cstdio>
#include <optional>
#include <stdexcept>

#include "http/access_log.h"
#include "http/listener.h"
#include "http/request_body.h"
#include "http/worker_pool.h"
#include "protocol/appflow_rest/routes.h"

namespace ccemu::http {
namespace {

// A DesiredState may hold 262 144 characters; JSON-escaped inside the request body that grows to
// about 1.6 MiB, so every valid request fits.
constexpr size_t kMaxBodyBytes = 4 * 1024 * 1024;
// One worker per open connection: SDK connection pools and pytest-xdist workers keep many open.
constexpr WorkerPoolLimits kWorkers{
    .min_threads = 4,
    .max_threads = 1024,
    // Enough for std::regex (request members) and validation of the largest request (ref. §7).
    .stack_bytes = 128 * 1024 * 1024,
    .idle_exit = std::chrono::seconds(10),
    // How long stopping waits for requests in flight; idle keep-alive connections are not waited
    // for.
    .shutdown_grace = std::chrono::milliseconds(500),
};
constexpr std::chrono::seconds kKeepAliveIdle{5};
constexpr std::chrono::seconds kReadWriteIdle{10};

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
    // cpp-httplib files the connection's addresses among the headers; the client sent none.
    if (name == "REMOTE_ADDR" || name == "REMOTE_PORT" || name == "LOCAL_ADDR" ||
        name == "LOCAL_PORT") {
      continue;
    }
    std::string lower = name;
    for (char& c : lower) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
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

// An API request (Cloud Control or AppFlow), its body read so that one over kMaxBodyBytes
// (chunked ones included) is refused without being buffered.
protocol::Response serve_api(const httplib::Request& req, const httplib::ContentReader& read_body,
                             const protocol::ProtocolHandler& protocol) {
  RequestBody body = read_request_body(req, read_body, kMaxBodyBytes);
  switch (body.problem) {
    case RequestBody::Problem::kNone:
      break;
    case RequestBody::Problem::kTooLarge:
      return protocol.error_response(ErrorCode::kRequestEntityTooLarge,
                                     describe(body.problem, kMaxBodyBytes));
    default:
      return protocol.error_response(ErrorCode::kSerialization,
                                     describe(body.problem, kMaxBodyBytes));
  }
  protocol::Request request = to_protocol(req);
  request.body = std::move(body.text);
  return protocol.handle(request);
}

bool is_admin_path(const std::string& path) {
  return path == "/_ccemu" || path.starts_with("/_ccemu/");
}

bool has_body(const httplib::Request& req) {
  return (req.has_header("Content-Length") && req.get_header_value("Content-Length") != "0") ||
         req.has_header("Transfer-Encoding");
}

std::unique_ptr<TlsContext> make_tls_context(const ServerOptions& options) {
  if (options.tls_cert.empty()) return nullptr;
  return std::make_unique<TlsContext>(options.tls_cert, options.tls_key);
}

void write(const protocol::Response& response, httplib::Response& res) {
  describe(response);
  res.status = response.status;
  res.set_header("x-amzn-RequestId", response.request_id);
  for (const auto& [name, value] : response.headers) res.set_header(name, value);
  res.set_content(response.body, response.content_type);
}

// Whether the request's credential scope names `service` ("appflow", "sts").
bool signed_for(const httplib::Request& req, const std::string& service) {
  return req.get_header_value("Authorization").find("/" + service + "/aws4_request") !=
         std::string::npos;
}

// A "POST /" for STS: no X-Amz-Target (every Cloud Control request names one), and a form body or
// a credential scope naming sts (AssumeRoleWithWebIdentity is sent unsigned).
bool is_sts_request(const httplib::Request& req) {
  return !req.has_header("X-Amz-Target") &&
         (req.get_header_value("Content-Type").starts_with("application/x-www-form-urlencoded") ||
          signed_for(req, "sts"));
}

std::string no_appflow_operation(const httplib::Request& req) {
  return "No AppFlow operation at " + req.method + " " + req.path + ".";
}

}  // namespace

Server::Server(ServerOptions options, const protocol::ProtocolHandler& protocol,
               cloudcontrol::CloudControlService& service, faults::FaultPlan& faults,
               AdminInfo admin, const protocol::ProtocolHandler* appflow,
               const protocol::ProtocolHandler* sts)
    : options_(std::move(options)),
      cross_site_(options_.host, options_.allowed_hosts, !options_.tls_cert.empty()),
      admin_(std::move(admin)),
      protocol_(protocol),
      appflow_(appflow),
      sts_(sts),
      tls_(make_tls_context(options_)),
      http_(
          ConnectionLimits{
              .keep_alive_idle = kKeepAliveIdle,
              .read_idle = kReadWriteIdle,
              .request_deadline = options_.request_timeout,
              .write_idle = kReadWriteIdle,
          },
          tls_.get()) {
  http_.new_task_queue = [] { return new WorkerPool(kWorkers); };

  http_.Post("/", [this](const httplib::Request& req, httplib::Response& res,
                         const httplib::ContentReader& read_body) {
    if (sts_ != nullptr && is_sts_request(req)) {
      answer("sts", serve_api(req, read_body, *sts_), res);
    } else {
      answer("cloudcontrol", serve_api(req, read_body, protocol_), res);
    }
  });
  // awsQuery also allows "GET /?Action=...&Version=...".
  http_.Get("/", [this](const httplib::Request& req, httplib::Response& res) {
    if (sts_ == nullptr || req.target.find('?') == std::string::npos) {
      res.status = 404;
      return;
    }
    answer("sts", sts_->handle(to_protocol(req)), res);
  });
  admin_.rate = &rate_;
  admin_.calls = &calls_;
  register_admin_routes(http_, service, faults, admin_, cross_site_);
  // The AppFlow API's paths, before the catch-all routes below.
  if (appflow_ != nullptr) register_appflow_routes();
  // Any other path: its body (if any) is read by ccemu's rules, then the error handler answers.
  // Without these cpp-httplib would read a bodyless POST until the client closed.
  const auto unknown = [](const httplib::Request& req, httplib::Response& res,
                          const httplib::ContentReader& read_body) {
    read_request_body(req, read_body, kMaxBodyBytes);
    res.status = 404;
  };
  http_.Post(".*", unknown);
  http_.Put(".*", unknown);
  http_.Patch(".*", unknown);
  http_.Delete(".*", unknown);

  // Failures httplib detects itself (unknown route, malformed request) answer in AWS's format,
  // or the admin API's under /_ccemu/.
  http_.set_error_handler(httplib::Server::HandlerWithResponse([this](const httplib::Request& req,
                                                                      httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    const int status = res.status;
    if (is_admin_path(req.path)) {
      reply_error(res, status,
                  "No admin endpoint at " + req.method + " " + req.path +
                      "; README lists them under \"Admin endpoints\".");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (sts_ != nullptr && signed_for(req, "sts")) {
      write(sts_->error_response(ErrorCode::kInvalidAction,
                                 "No STS operation at " + req.method + " " + req.path + "."),
            res);
      return httplib::Server::HandlerResponse::Handled;
    }
    if (appflow_ != nullptr && signed_for(req, "appflow")) {
      write(appflow_->error_response(ErrorCode::kUnknownOperation, no_appflow_operation(req)), res);
      return httplib::Server::HandlerResponse::Handled;
    }
    write(protocol_.error_response(ErrorCode::kUnknownOperation,
                                   "No operation at " + req.method + " " + req.path +
                                       "; Cloud Control requests are POST /."),
          res);
    res.status = status;
    return httplib::Server::HandlerResponse::Handled;
  }));
  http_.set_exception_handler(
      [this](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        write(protocol_.error_response(ErrorCode::kInternalFailure, "Internal failure."), res);
      });
  http_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (options_.access_log) {
      t_request.arrived = std::chrono::system_clock::now();
      t_request.started = std::chrono::steady_clock::now();
      t_request.timed = true;
    }
    // Bodyless admin requests are judged here, reads included (a DNS-rebound page must not read
    // state either); ones with a body after it is read (with_body), so none is left unread.
    if (is_admin_path(req.path) && !has_body(req)) {
      if (auto refusal = cross_site_.refusal(request_origin(req))) {
        reply_error(res, 403, *refusal);
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  if (options_.access_log) http_.set_logger(log_request);
}

void Server::answer(const char* api, const protocol::Response& response, httplib::Response& res) {
  rate_.count();
  calls_.add({.time_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count(),
              .api = api,
              .operation = response.operation,
              .type_name = response.type_name,
              .identifier = response.identifier,
              .account = response.caller.account,
              .region = response.caller.region,
              .status = response.status,
              .error = response.error});
  write(response, res);
}

void Server::register_appflow_routes() {
  const auto serve = [this](const httplib::Request& req, httplib::Response& res,
                            const httplib::ContentReader& read_body) {
    answer("appflow", serve_api(req, read_body, *appflow_), res);
  };
  for (const auto& route : protocol::appflow_rest::routes()) {
    if (route.method == "POST" && route.path != "/tags/")
      http_.Post(std::string(route.path), serve);
  }
  // Tag operations bind the resource ARN in the path; GET carries no body.
  const char* tags = "/tags/.+";
  http_.Post(tags, serve);
  http_.Delete(tags, serve);
  http_.Get(tags, [this](const httplib::Request& req, httplib::Response& res) {
    answer("appflow", appflow_->handle(to_protocol(req)), res);
  });
}

int Server::bind() {
  const Listener listener = open_listener(options_.host, options_.port);
  if (listener.fd < 0) {
    throw std::runtime_error("cannot listen on " + options_.host + ":" +
                             std::to_string(options_.port) + ": " + listener.error);
  }
  http_.adopt_listener(listener.fd);
  return listener.port;
}

void Server::run() { http_.listen_after_bind(); }

void Server::stop() { http_.stop_serving(); }

}  // namespace ccemu::http
