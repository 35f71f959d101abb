#include "http/http_servers.h"

#include <fcntl.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <optional>

#include "http/tls_transport.h"
#include "http/transport.h"

namespace ccemu::http {

HttpServer::HttpServer(ConnectionLimits limits, const TlsContext* tls)
    : limits_(limits), tls_(tls), stop_fd_(eventfd(0, EFD_CLOEXEC)) {}

HttpServer::~HttpServer() {
  ::close(stop_fd_);
  if (listener_ >= 0) ::close(listener_);
}

void HttpServer::adopt_listener(int fd) {
  listener_ = fd;
  svr_sock_ = fcntl(fd, F_DUPFD_CLOEXEC, 0);
}

void HttpServer::stop_serving() {
  // A shut-down listening socket fails every accept(), the one waiting and any later one.
  ::shutdown(listener_, SHUT_RDWR);
  const uint64_t one = 1;
  // An eventfd stays readable until read, and nobody reads it: every waiter sees it.
  [[maybe_unused]] const ssize_t written = ::write(stop_fd_, &one, sizeof(one));
}

bool HttpServer::process_and_close_socket(socket_t sock) {
  SocketTransport plain(sock);
  std::optional<TlsTransport> tls;
  Transport& transport =
      tls_ != nullptr ? tls.emplace(*tls_, sock) : static_cast<Transport&>(plain);
  ConnectionStream stream(sock, transport, limits_);
  bool served = stream.establish(stop_fd_);
  while (served && stream.await_request(stop_fd_)) {
    bool connection_closed = false;
    served = process_request(stream, false, connection_closed, nullptr);
    // Each answer leaves here, whole (ConnectionStream gathers what is written).
    if (!stream.flush() || !served || connection_closed || stream.read_timed_out()) break;
  }
  transport.finish();
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return served;
}

}  // namespace ccemu::http
