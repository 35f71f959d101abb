// ProtocolHandler: one API request in, one response out. The pipeline (authentication, fault
// injection, fixtures, request ids, error capture) is shared; the WireProtocol it is built with
// decides operations, shapes and error format (wire_protocol.h). The HTTP layer routes each request
// to the handler of its API and copies back what it returns.
//
// Thread-safety: handle() may run on many threads at once; it holds no state of its own.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "cloudcontrol/service.h"
#include "common/api_error.h"
#include "common/id_generator.h"
#include "faults/fault_plan.h"
#include "protocol/caller_identity.h"
#include "protocol/interceptor.h"
#include "protocol/wire_protocol.h"

namespace ccemu::protocol {

struct Request {
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  // As sent, for signature checks: the path keeps its percent-encoding; the query has no '?'.
  std::string method = "POST";
  std::string path = "/";
  std::string query{};
};

class SignatureVerifier;

struct Response {
  int status = 200;
  std::string request_id;  // sent as x-amzn-RequestId
  std::string body;
  std::string content_type;  // the API's: application/x-amz-json-1.0, application/json
  std::vector<std::pair<std::string, std::string>> headers{};  // more, e.g. x-amzn-ErrorType
  // For the access log: the operation (empty when unknown) and the error name, if any; the
  // caller once known; the TypeName and Identifier the request (or its ProgressEvent) names.
  std::string operation;
  std::string error;
  cloudcontrol::Caller caller;
  std::string type_name;
  std::string identifier;
};

class ProtocolHandler {
 public:
  // `interceptor`, when given, sees every decoded request first (fixtures: record, replay, proxy).
  // `faults`, when given, may delay or answer any decoded request first (README "Fault injection").
  // `verifier`, when given, authenticates every request (--verify-sigv4); else signatures are not
  // checked and the caller comes from the credential scope (caller_identity.h).
  // `wire` is the API spoken: Cloud Control's awsJson1_0 unless another is given.
  ProtocolHandler(cloudcontrol::CloudControlService& service, IdGenerator& ids,
                  IdentityDefaults defaults, const Interceptor* interceptor = nullptr,
                  faults::FaultPlan* faults = nullptr, const SignatureVerifier* verifier = nullptr,
                  const WireProtocol* wire = nullptr);

  // Never throws: every failure becomes an AWS error response.
  Response handle(const Request& request) const;

  // An error response in AWS's format, for failures the HTTP layer detects itself.
  Response error_response(ErrorCode code, const std::string& message) const;

  const WireProtocol& wire() const { return wire_; }

 private:
  // Sleeps for the latency fault rules add; the error response of a firing error rule, if any.
  std::optional<Response> injected_fault(const DecodedCall& call) const;
  // Member checks, then the operation; every failure encoded.
  Response serve(const DecodedCall& call) const;
  Response failure_response(const std::exception& error, const std::string& operation) const;

  cloudcontrol::CloudControlService& service_;
  IdGenerator& ids_;
  const IdentityDefaults defaults_;
  const Interceptor* const interceptor_;
  faults::FaultPlan* const faults_;
  const SignatureVerifier* const verifier_;
  const WireProtocol& wire_;
};

}  // namespace ccemu::protocol
