// Interceptor: an optional stage of ProtocolHandler between decoding a request and serving it,
// for layers that answer in the service's place or watch what it answers (fixtures/: record,
// replay, proxy). Requests refused before they are decoded (unknown target, body that is not a
// JSON object, unusable credential scope) never reach it.
//
// Thread-safety: handle() is called from many request threads at once; implementations guard
// their own state.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "cloudcontrol/types.h"

namespace ccemu::protocol {

struct Request;
struct Response;

// A request the handler has decoded: its API ("cloudcontrol", "appflow"), the operation name
// ("CreateResource"), the caller from the credential scope, the input members (the parsed body,
// with any members bound to the path or query), and the request as it arrived (headers
// lower-cased).
struct DecodedCall {
  std::string_view api;
  const std::string& operation;
  const cloudcontrol::Caller& caller;
  const nlohmann::json& body;
  const Request& request;
};

class Interceptor {
 public:
  // Answers by the service: member checks, dispatch, errors encoded. Never throws.
  using Serve = std::function<Response()>;

  virtual ~Interceptor() = default;

  // Returns the answer to `call`: its own, or serve()'s. May throw ApiError, which the handler
  // encodes like any other error. A response with an empty request_id gets a fresh one.
  virtual Response handle(const DecodedCall& call, const Serve& serve) const = 0;
};

}  // namespace ccemu::protocol
