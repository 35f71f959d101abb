#include "http/transport.h"

#include <poll.h>
#include <sys/socket.h>

#include <cerrno>

namespace ccemu::http {
namespace {

// The IoResult of a recv() or send() that returned `done` for `events`.
IoResult result(ssize_t done, short events) {
  if (done < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return {-1, events};
  return {done, 0};
}

}  // namespace

IoResult receive_now(int fd, char* data, size_t size) {
  ssize_t received;
  do {
    received = ::recv(fd, data, size, MSG_DONTWAIT);
  } while (received < 0 && errno == EINTR);
  return result(received, POLLIN);
}

IoResult send_now(int fd, const char* data, size_t size) {
  ssize_t sent;
  do {
    sent = ::send(fd, data, size, MSG_DONTWAIT | MSG_NOSIGNAL);
  } while (sent < 0 && errno == EINTR);
  return result(sent, POLLOUT);
}

IoResult SocketTransport::receive(char* data, size_t size) { return receive_now(fd_, data, size); }

IoResult SocketTransport::send(const char* data, size_t size) { return send_now(fd_, data, size); }

}  // namespace ccemu::http
