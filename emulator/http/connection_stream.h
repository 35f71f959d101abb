// ConnectionStream: one client connection as cpp-httplib's Stream, for HttpServer's own
// connection loop (http_servers.h), over a Transport (transport.h): the socket itself, or a TLS
// session on it. Every limit below holds for both.
//
// It differs from cpp-httplib 0.11's SocketStream in three ways a local test server needs:
//  - a request has an overall deadline for arriving (head and body), not only a per-read timeout,
//    so a client that sends a byte every few seconds cannot hold a worker forever;
//  - writability does not require the peer's sending side to be open: a client that sends its
//    request and then shuts down its side (nc -N, HTTP/1.0-style tools) still gets its answer;
//  - its read buffer lives as long as the connection, so pipelined bytes are not dropped;
//  - the connection's two addresses are looked up once, not for every request on it;
//  - an answer is sent whole by flush() after each request, not a send() per piece;
//  - a TLS handshake waits for its first bytes as an idle connection does, then must complete
//    within a request's deadline.
//
// Thread-safety: none; one worker serves a connection from start to end.
#pragma once

#include <httplib.h>

#include <array>
#include <chrono>
#include <optional>
#include <string>

#include "http/transport.h"

namespace ccemu::http {

struct ConnectionLimits {
  std::chrono::milliseconds keep_alive_idle;   // an idle connection is closed after this
  std::chrono::milliseconds read_idle;         // the longest wait for any one read
  std::chrono::milliseconds request_deadline;  // a request's head and body arrive within this
  std::chrono::milliseconds write_idle;        // the longest wait for any one write
};

class ConnectionStream final : public httplib::Stream {
 public:
  // `transport` moves the bytes of socket `fd`; both must outlive this.
  ConnectionStream(int fd, Transport& transport, const ConnectionLimits& limits);

  // Completes what precedes the first request (the TLS handshake), under the same limits as a
  // request. False when it failed or timed out, or `stop_fd` became readable.
  bool establish(int stop_fd);
  // Waits until the next request starts arriving and starts its deadline. False when the
  // connection stayed idle for keep_alive_idle, failed, or `stop_fd` became readable.
  bool await_request(int stop_fd);
  // True once a read timed out (its own wait or the request's deadline): the connection must
  // close, since the rest of that request may still arrive.
  bool read_timed_out() const { return read_timed_out_; }

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* data, size_t size) override;
  // Gathers what is written (up to kMaxPending bytes; larger writes go out at once) until flush()
  // or the next read that must wait for the client.
  ssize_t write(const char* data, size_t size) override;
  // Sends what write() gathered. False when the connection failed.
  bool flush();
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return fd_; }

 private:
  static constexpr size_t kMaxPending = 64 * 1024;

  enum class Phase { kReading, kWriting };
  // Repeats `call` (a Transport call) while it must wait, waiting for the readiness it asks for:
  // at most read_idle for reading or write_idle for writing, and, while a request is being read,
  // not past its deadline (then read_timed_out_ is set).
  template <typename Call>
  IoResult retry(Phase phase, Call call);
  // Transport::send(), waiting for the socket to take bytes.
  ssize_t send_when_writable(const char* data, size_t size);

  const int fd_;
  Transport& transport_;
  const ConnectionLimits limits_;
  std::chrono::steady_clock::time_point deadline_;
  mutable bool read_timed_out_ = false;  // set by the const is_readable() Stream requires
  struct Address {
    std::string ip;
    int port = 0;
  };
  // Looked up on first use by the const getters Stream requires.
  mutable std::optional<Address> remote_, local_;
  std::string pending_;  // written, not yet sent
  std::array<char, 4096> buffer_;
  size_t buffered_begin_ = 0;
  size_t buffered_end_ = 0;
};

}  // namespace ccemu::http
