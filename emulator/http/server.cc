#include "http/server.h"

#include <chrono>
#include <cstdio>

#include "http/worker_pool.h"

namespace ccemu::http {
namespace {

// A DesiredState may hold 262 144 characters; JSON-escaped inside the request body that grows to
// about 1.6 MiB, so every valid request fits.
constexpr size_t kMaxBodyBytes = 4 * 1024 * 1024;
// SDKs keep pools of idle keep-alive connections, each of which holds a worker while idle.
constexpr size_t kWorkers = 48;
// Enough for std::regex over the longest string a request can carry (reference §7).
constexpr size_t kWorkerStackBytes = 128 * 1024 * 1024;
// How long stopping waits for requests in flight; idle keep-alive connections are not waited for.
constexpr std::chrono::milliseconds kShutdownGrace{500};
constexpr const char* kJsonContentType = "application/x-amz-json-1.0";

protocol::Request to_protocol(const httplib::Request& req) {
  protocol::Request request;
  for (const auto& [name, value] : req.headers) {
    std::string lower = name;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    request.headers.emplace(std::move(lower), value);
  }
  request.body = req.body;
  return request;
}

void write(const protocol::Response& response, httplib::Response& res) {
  res.status = response.status;
  res.set_header("x-amzn-RequestId", response.request_id);
  res.set_content(response.body, kJsonContentType);
}

}  // namespace

Server::Server(ServerOptions options, const protocol::ProtocolHandler& protocol,
               cloudcontrol::CloudControlService& service, AdminInfo admin)
    : options_(std::move(options)), protocol_(protocol) {
  http_.new_task_queue = [] { return new WorkerPool(kWorkers, kWorkerStackBytes, kShutdownGrace); };
  // Without TCP_NODELAY, Nagle and delayed ACKs cap a keep-alive loop at ~40 requests/s.
  http_.set_tcp_nodelay(true);
  // SDKs reuse connections for many requests; httplib's default closes them after 5.
  http_.set_keep_alive_max_count(100000);
  http_.set_keep_alive_timeout(5);
  // A half-sent request must not hold a worker for long.
  http_.set_read_timeout(std::chrono::seconds(10));
  http_.set_write_timeout(std::chrono::seconds(10));
  http_.set_payload_max_length(kMaxBodyBytes);

  http_.Post("/", [this](const httplib::Request& req, httplib::Response& res) {
    write(protocol_.handle(to_protocol(req)), res);
  });
  register_admin_routes(http_, service, std::move(admin));

  // Failures httplib detects itself (oversized body, unknown route) still answer in AWS's format.
  http_.set_error_handler(httplib::Server::HandlerWithResponse([this](const httplib::Request& req,
                                                                      httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    const int status = res.status;
    if (status == 413) {
      write(protocol_.error_response(
                ErrorCode::kRequestEntityTooLarge,
                "Request body exceeds the limit of " + std::to_string(kMaxBodyBytes) + " bytes."),
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
    http_.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      std::fprintf(stderr, "method=%s path=%s target=%s status=%d request_id=%s\n",
                   req.method.c_str(), req.path.c_str(),
                   req.get_header_value("X-Amz-Target").c_str(), res.status,
                   res.get_header_value("x-amzn-RequestId").c_str());
    });
  }
}

int Server::bind() {
  if (options_.port == 0) return http_.bind_to_any_port(options_.host);
  return http_.bind_to_port(options_.host, options_.port) ? options_.port : -1;
}

void Server::run() { http_.listen_after_bind(); }

void Server::stop() { http_.stop(); }

}  // namespace ccemu::http
