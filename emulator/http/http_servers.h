// cpp-httplib servers that listen on a socket made by open_listener (listener.h).
//
// PlainHttpServer also replaces cpp-httplib 0.11's connection loop with one over
// ConnectionStream (connection_stream.h): request deadlines, answers to half-closed clients, and
// idle keep-alive waits that end at once when the server stops instead of polling every 10 ms.
// TlsHttpServer keeps cpp-httplib's own loop, which its TLS session needs.
//
// Thread-safety: the connection loop runs on the task queue's workers; stop_connections() may be
// called from any thread.
#pragma once

#include <httplib.h>

#include "http/connection_stream.h"

namespace ccemu::http {

// Gives a cpp-httplib server the listening socket it will accept on.
template <class Base>
class AdoptingServer : public Base {
 public:
  using Base::Base;
  // REQUIRES: called once, before listen_after_bind(); the server owns `fd` from then on.
  void adopt_listener(int fd) { this->svr_sock_ = fd; }
};

class PlainHttpServer final : public AdoptingServer<httplib::Server> {
 public:
  explicit PlainHttpServer(ConnectionLimits limits);
  ~PlainHttpServer() override;

  // Ends every idle keep-alive wait; requests being served finish first.
  void stop_connections();

 private:
  bool process_and_close_socket(socket_t sock) override;

  const ConnectionLimits limits_;
  const int stop_fd_;  // an eventfd, readable once stop_connections() ran
};

#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
using TlsHttpServer = AdoptingServer<httplib::SSLServer>;
#endif

}  // namespace ccemu::http
