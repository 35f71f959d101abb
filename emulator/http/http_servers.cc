#include "http/http_servers.h"

#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>

namespace ccemu::http {

PlainHttpServer::PlainHttpServer(ConnectionLimits limits)
    : limits_(limits), stop_fd_(eventfd(0, EFD_CLOEXEC)) {}

PlainHttpServer::~PlainHttpServer() { ::close(stop_fd_); }

void PlainHttpServer::stop_connections() {
  const uint64_t one = 1;
  // An eventfd stays readable until read, and nobody reads it: every waiter sees it.
  [[maybe_unused]] const ssize_t written = ::write(stop_fd_, &one, sizeof(one));
}

bool PlainHttpServer::process_and_close_socket(socket_t sock) {
  ConnectionStream stream(sock, limits_);
  bool served = true;
  while (stream.await_request(stop_fd_)) {
    bool connection_closed = false;
    served = process_request(stream, false, connection_closed, nullptr);
    // Each answer leaves here, whole (ConnectionStream gathers what is written).
    if (!stream.flush() || !served || connection_closed || stream.read_timed_out()) break;
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return served;
}

}  // namespace ccemu::http
