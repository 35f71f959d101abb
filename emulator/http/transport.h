// Transport: how a connection's bytes cross its socket, plain (SocketTransport) or under TLS
// (tls_transport.h), so one connection loop (connection_stream.h) serves both.
//
// No call blocks: one that cannot go on without the socket says which readiness it needs, and the
// connection loop waits for that with its own deadlines, then calls again with the same
// arguments.
//
// Thread-safety: none; one worker serves a connection from start to end.
#pragma once

#include <sys/types.h>

#include <cstddef>

namespace ccemu::http {

struct IoResult {
  // > 0: bytes moved; 0: the peer ended the connection; < 0: failed, or must wait (`wait` set).
  ssize_t bytes = 0;
  // POLLIN or POLLOUT when the call must be repeated once the socket is ready for it; else 0.
  short wait = 0;

  bool must_wait() const { return bytes < 0 && wait != 0; }
};

class Transport {
 public:
  virtual ~Transport() = default;

  // Completes whatever must precede the first request (the TLS handshake); bytes 1 when done.
  virtual IoResult establish() = 0;
  virtual IoResult receive(char* data, size_t size) = 0;
  virtual IoResult send(const char* data, size_t size) = 0;
  // Whether bytes already taken from the socket wait to be received, so receive() may return
  // without the socket being readable.
  virtual bool has_buffered() const = 0;
  // Ends the connection's sending side in an orderly way (a TLS close_notify), without waiting.
  virtual void finish() = 0;
};

// A plain TCP socket; the caller keeps and closes `fd`.
class SocketTransport final : public Transport {
 public:
  explicit SocketTransport(int fd) : fd_(fd) {}

  IoResult establish() override { return {1, 0}; }
  IoResult receive(char* data, size_t size) override;
  IoResult send(const char* data, size_t size) override;
  bool has_buffered() const override { return false; }
  void finish() override {}

 private:
  const int fd_;
};

// recv() and send() on `fd` without waiting (retried on EINTR; send() raises no SIGPIPE), as an
// IoResult. Shared by both transports.
IoResult receive_now(int fd, char* data, size_t size);
IoResult send_now(int fd, const char* data, size_t size);

}  // namespace ccemu::http
