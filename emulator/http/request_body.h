// read_request_body: a request's body, read through cpp-httplib's ContentReader with ccemu's
// framing rules, so every route (Cloud Control, admin, unknown paths) treats bodies alike.
//
// cpp-httplib 0.11 frames a body by the first Content-Length, reads "2x" as 2, and reads a
// POST/PUT/DELETE with neither Content-Length nor Transfer-Encoding until the client closes. Here
// such a request has an empty body (RFC 9112 §6.3), a malformed or repeated-and-differing
// Content-Length is refused, and a body over `limit` is refused without being buffered, before
// any of it is read when its length is declared.
#pragma once

#include <httplib.h>

#include <string>

namespace ccemu::http {

struct RequestBody {
  enum class Problem { kNone, kBadFraming, kTooLarge, kIncomplete };
  std::string text;
  Problem problem = Problem::kNone;
};

RequestBody read_request_body(const httplib::Request& req, const httplib::ContentReader& read,
                              size_t limit);

// A plain sentence for a problem other than kNone, e.g. "Request body exceeds the limit of N
// bytes."
std::string describe(RequestBody::Problem problem, size_t limit);

}  // namespace ccemu::http
