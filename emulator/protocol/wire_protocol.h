// WireProtocol: what one API's wire format decides inside ProtocolHandler's shared pipeline
// (authenticate -> decode -> fault injection -> interceptor -> serve -> encode). One
// implementation per folder:
//   cloudcontrol_json/  awsJson1_0, "POST /" with X-Amz-Target: CloudApiService.<Op> (Cloud
//   Control) appflow_rest/       restJson1, "POST /create-connector-profile" and the like (native
//   AppFlow) sts_query/         awsQuery, "POST /" with a form body Action=<Op>&Version=2011-06-15
//   (STS)
// Cloud Control and AppFlow serve from the one CloudControlService, so a resource written through
// one API is read through the other at once.
//
// Thread-safety: implementations are immutable; every method may run on many threads at once.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "cloudcontrol/service.h"
#include "common/api_error.h"

namespace ccemu::protocol {

struct Request;
struct Response;

// The operation a request names, and its input members as one JSON object (restJson1 members
// bound to the path or query are merged in under their member names).
struct DecodedOperation {
  std::string operation;
  nlohmann::json input;
};

// The resource a request or its answer names, for fault rules and the access log.
struct NamedResource {
  std::string type_name;
  std::string identifier;
};

class WireProtocol {
 public:
  virtual ~WireProtocol() = default;

  // Names the API in recorded fixtures: "cloudcontrol", "appflow", "sts".
  virtual std::string_view api() const = 0;
  // The service a SigV4 credential scope must name: "cloudcontrolapi", "appflow".
  virtual std::string_view signing_name() const = 0;
  // The operation a request names, known or not ("" when it names none), for the access log.
  virtual std::string operation_name(const Request& request) const = 0;
  // Throws ApiError (unknown operation, body that is not a JSON object).
  virtual DecodedOperation decode(const Request& request) const = 0;
  // Checks the input's members, runs the operation and returns the answer's JSON body. Throws
  // ApiError.
  virtual std::string serve(cloudcontrol::CloudControlService& service,
                            const cloudcontrol::Caller& caller, const std::string& operation,
                            const nlohmann::json& input) const = 0;
  // Fills status, body, content type and headers of an error answer.
  virtual void encode_error(ErrorCode code, const std::string& message,
                            Response& response) const = 0;
  // The Content-Type of every answer.
  virtual std::string_view content_type() const = 0;
  // Whether the fixtures interceptor (record, replay, proxy) sees this API's requests.
  virtual bool intercepted() const { return true; }
  // Whether AWS requires `request` to be signed (checked under --verify-sigv4).
  virtual bool requires_signature(const Request&) const { return true; }
  // Writes the response's final request id into its body, for APIs whose bodies carry it.
  virtual void add_request_id(Response&) const {}
  // The resource `input` names, else the one a successful `answer_body` names (may be empty).
  virtual NamedResource named_resource(const std::string& operation, const nlohmann::json& input,
                                       const std::string& answer_body) const = 0;
};

}  // namespace ccemu::protocol
