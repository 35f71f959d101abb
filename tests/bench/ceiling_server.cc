// The ceiling for scripts/bench: cpp-httplib with ccemu's transport settings, answering every
// POST / with a fixed body. ccemu's throughput is reported as a share of this server's.
#include <httplib.h>

#include <cstdio>

int main() {
  httplib::Server server;
  server.set_tcp_nodelay(true);
  server.set_keep_alive_max_count(100000);
  server.Post("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"TypeName":"AWS::AppFlow::ConnectorProfile"})",
                    "application/x-amz-json-1.0");
  });
  server.Get("/_ccemu/health", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"status":"ok"})", "application/json");
  });
  const int port = server.bind_to_any_port("127.0.0.1");
  std::printf("ccemu listening on http://127.0.0.1:%d\n", port);
  std::fflush(stdout);
  server.listen_after_bind();
}
