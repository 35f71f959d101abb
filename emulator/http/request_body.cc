#include "http/request_body.h"

namespace ccemu::http {

RequestBody read_request_body(const httplib::Request& req, const httplib::ContentReader& read,
                              size_t limit) {
  using Problem = RequestBody::Problem;
  // One look at each framing field: lookups in cpp-httplib's header map ignore case, and cost.
  const auto [lengths, lengths_end] = req.headers.equal_range("Content-Length");
  const bool framed = lengths != lengths_end || req.headers.count("Transfer-Encoding") != 0;
  std::string_view first;
  for (auto it = lengths; it != lengths_end; ++it) {
    const std::string& value = it->second;
    if (it != lengths) {
      if (value != first) return {"", Problem::kBadFraming};
      continue;
    }
    if (value.empty() || value.find_first_not_of("0123456789") != value.npos) {
      return {"", Problem::kBadFraming};
    }
    first = value;
  }
  if (first.size() > 18 || (!first.empty() && std::stoull(std::string(first)) > limit)) {
    return {"", Problem::kTooLarge};
  }
  RequestBody body;
  if (!framed) return body;
  bool too_large = false;
  const bool whole = read([&](const char* data, size_t length) {
    too_large = body.text.size() + length > limit;
    if (!too_large) body.text.append(data, length);
    return !too_large;
  });
  if (too_large) return {"", Problem::kTooLarge};
  // The client stopped sending before the body's end (read timeout, deadline or close).
  if (!whole) return {"", Problem::kIncomplete};
  return body;
}

std::string describe(RequestBody::Problem problem, size_t limit) {
  switch (problem) {
    case RequestBody::Problem::kBadFraming:
      return "Request framing is invalid: Content-Length must be one decimal number.";
    case RequestBody::Problem::kTooLarge:
      return "Request body exceeds the limit of " + std::to_string(limit) + " bytes.";
    case RequestBody::Problem::kIncomplete:
      return "Request body ended before its declared length.";
    case RequestBody::Problem::kNone:
      break;
  }
  return "";
}

}  // namespace ccemu::http
