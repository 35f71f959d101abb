#include "http/cross_site.h"

#include <algorithm>

namespace ccemu::http {
namespace {

std::string lower(std::string text) {
  std::ranges::transform(text, text.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return text;
}

// "Host:port" or "[v6]:port" split into its name (brackets removed) and port ("" when none).
std::pair<std::string, std::string> split_authority(const std::string& authority) {
  if (authority.starts_with("[")) {
    const size_t close = authority.find(']');
    if (close == std::string::npos) return {authority, ""};
    const std::string rest = authority.substr(close + 1);
    return {authority.substr(1, close - 1), rest.starts_with(":") ? rest.substr(1) : ""};
  }
  const size_t colon = authority.rfind(':');
  if (colon == std::string::npos || authority.find(':') != colon) return {authority, ""};
  return {authority.substr(0, colon), authority.substr(colon + 1)};
}

// A host and port as a browser writes them in Origin: the scheme's default port left out.
std::string normalized_authority(const std::string& authority, const std::string& scheme) {
  auto [name, port] = split_authority(lower(authority));
  if (port == (scheme == "https" ? "443" : "80")) port.clear();
  const std::string host = name.find(':') != std::string::npos ? "[" + name + "]" : name;
  return port.empty() ? host : host + ":" + port;
}

bool loopback(const std::string& name) {
  return name == "localhost" || name.ends_with(".localhost") || name.starts_with("127.") ||
         name == "::1";
}

bool changes_state(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

}  // namespace

CrossSitePolicy::CrossSitePolicy(std::string listen_host, std::vector<std::string> allowed_hosts,
                                 bool tls)
    : scheme_(tls ? "https" : "http") {
  // 0.0.0.0 and :: name no host a browser could address: the connection's own address stands in.
  if (listen_host != "0.0.0.0" && listen_host != "::") {
    names_.push_back(split_authority(lower(listen_host)).first);
  }
  for (auto& name : allowed_hosts) names_.push_back(split_authority(lower(name)).first);
}

bool CrossSitePolicy::own_name(const std::string& host_name,
                               const std::string& local_address) const {
  return loopback(host_name) || host_name == lower(local_address) ||
         std::ranges::find(names_, host_name) != names_.end();
}

std::optional<std::string> CrossSitePolicy::refusal(const RequestOrigin& request) const {
  if (!request.origin && !request.fetch_site) return std::nullopt;
  const std::string host_name = split_authority(lower(request.host)).first;
  if (!own_name(host_name, request.local_address)) {
    return "Refused a browser request for Host '" + request.host +
           "', which is not one of ccemu's names (loopback names, the listening address, "
           "--allowed-host); README \"Dashboard\" explains.";
  }
  if (!changes_state(request.method)) return std::nullopt;
  const std::string expected = scheme_ + "://" + normalized_authority(request.host, scheme_);
  std::string origin = request.origin.value_or("");
  const size_t separator = origin.find("://");
  if (separator != std::string::npos) {
    const std::string scheme = lower(origin.substr(0, separator));
    origin = scheme + "://" + normalized_authority(origin.substr(separator + 3), scheme);
  }
  if (origin != expected) {
    return "Refused a cross-origin request: Origin '" + request.origin.value_or("(none)") +
           "' is not " + expected + "; README \"Dashboard\" explains.";
  }
  return std::nullopt;
}

}  // namespace ccemu::http
