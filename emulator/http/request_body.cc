#include "http/request_body.h"

namespace ccemu::http {

RequestBody read_request_body(const httplib::Request& req, const httplib::ContentReader& read,
                              size_t limit) {
  using Problem = RequestBody::Problem;
  const std::string first = req.get_header_value("Content-Length");
  for (size_t i = 0; i < req.get_header_value_count("Content-Length"); ++i) {
    const std::string value = req.get_header_value("Content-Length", i);
    if (value != first || value.empty() || value.find_first_not_of("0123456789") != value.npos) {
      return {"", Problem::kBadFraming};
    }
  }
  if (first.size() > 18 || (!first.empty() && std::stoull(first) > limit)) {
    return {"", Problem::kTooLarge};
  }
  RequestBody body;
  if (!req.has_header("Content-Length") && !req.has_header("Transfer-Encoding")) return body;
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
