// open_listener: the server's listening socket, made here rather than by cpp-httplib.
//
// cpp-httplib 0.11 sets SO_REUSEPORT on it, so a second process can bind the same port and the
// kernel silently splits connections between the two; and it listens with a backlog of 5, which
// drops connections in a burst. This socket has SO_REUSEADDR only (a restarted ccemu may rebind
// at once) and a backlog of SOMAXCONN, and a failure says why.
#pragma once

#include <string>

namespace ccemu::http {

struct Listener {
  int fd = -1;        // -1 when opening failed
  int port = 0;       // the bound port (the kernel's choice when 0 was asked)
  std::string error;  // why it failed, e.g. "address already in use"
};

// Binds host:port (a name or numeric address; port 0 picks a free one) and listens.
Listener open_listener(const std::string& host, int port);

}  // namespace ccemu::http
