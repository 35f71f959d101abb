// HttpServer: cpp-httplib's request parsing and routing over ccemu's own connection loop, on a
// listening socket made by open_listener (listener.h).
//
// cpp-httplib 0.11 has one connection loop for plain HTTP and another for TLS. Here one loop, over
// ConnectionStream (connection_stream.h), serves both; TLS is a Transport under it
// (tls_transport.h). So both get request deadlines, answers to half-closed clients, one send per
// answer, and idle keep-alive waits that end at once when the server stops instead of polling
// every 10 ms.
//
// Thread-safety: the connection loop runs on the task queue's workers; stop_serving() may be
// called from any thread once adopt_listener() has run, before or while listen_after_bind() runs.
#pragma once

#include <httplib.h>

#include "http/connection_stream.h"
#include "http/tls_context.h"

namespace ccemu::http {

class HttpServer final : public httplib::Server {
 public:
  // `tls`, when given, makes every connection speak TLS; it must outlive the server.
  HttpServer(ConnectionLimits limits, const TlsContext* tls);
  ~HttpServer() override;

  // REQUIRES: called once, before listen_after_bind() and stop_serving(); the server owns `fd`.
  void adopt_listener(int fd);
  // Makes listen_after_bind() return, or return at once if it has not started yet: a stop is never
  // lost. Ends every idle keep-alive wait; requests being served finish first.
  void stop_serving();

 private:
  bool process_and_close_socket(socket_t sock) override;

  const ConnectionLimits limits_;
  const TlsContext* const tls_;
  const int stop_fd_;  // an eventfd, readable once stop_serving() ran
  // The listening socket. cpp-httplib accepts on (and closes) a duplicate of it, so shutting this
  // down from stop_serving() ends its accept loop whenever it runs, and never touches a
  // descriptor number cpp-httplib has closed and the process reused.
  int listener_ = -1;
};

}  // namespace ccemu::http
