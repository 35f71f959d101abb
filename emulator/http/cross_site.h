// Cross-site refusal for the admin API (README "Dashboard": cross-site safety).
//
// A web page the user visits can send a form POST or a text/plain fetch to 127.0.0.1 without a
// CORS preflight, and a DNS-rebound name can make the browser treat ccemu as that page's own
// origin. Browsers say who is asking: they send Origin on every POST, PUT and DELETE, and
// Sec-Fetch-Site on every request. So a request that carries either is a browser's, and is served
// only when its Host is one of ccemu's own names and, for a state-changing one, its Origin is the
// origin it was sent to. Clients that send neither (curl, the SDKs, a CI job reaching ccemu by a
// service alias such as http://ccemu:4566) are served as before.
//
// Thread-safety: immutable after construction.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ccemu::http {

// What a request says about where it comes from; absent headers are nullopt.
struct RequestOrigin {
  std::string method;
  std::optional<std::string> origin;      // Origin
  std::optional<std::string> fetch_site;  // Sec-Fetch-Site
  std::string host;                       // Host, as sent ("127.0.0.1:4566")
  std::string local_address;              // the address the connection was accepted on
};

class CrossSitePolicy {
 public:
  // `listen_host`: --host; `allowed_hosts`: every --allowed-host; `tls`: the server speaks https.
  CrossSitePolicy(std::string listen_host, std::vector<std::string> allowed_hosts, bool tls);

  // Why the request must be refused, or nullopt when it may be served.
  std::optional<std::string> refusal(const RequestOrigin& request) const;

 private:
  bool own_name(const std::string& host_name, const std::string& local_address) const;

  std::vector<std::string> names_;  // lower-case host names and addresses, without brackets
  std::string scheme_;              // "http" or "https"
};

}  // namespace ccemu::http
