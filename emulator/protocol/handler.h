// ProtocolHandler: one awsJson1_0 request in, one response out (spec §1). The HTTP layer hands it
// the headers and body of "POST /" and copies back what it returns.
//
// Thread-safety: handle() may run on many threads at once; it holds no state of its own.
#pragma once

#include <map>
#include <string>

#include "cloudcontrol/service.h"
#include "common/api_error.h"
#include "common/id_generator.h"
#include "protocol/caller_identity.h"

namespace ccemu::protocol {

struct Request {
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

struct Response {
  int status = 200;
  std::string request_id;  // sent as x-amzn-RequestId
  std::string body;        // application/x-amz-json-1.0
  // For the access log: the operation (empty when unknown) and the error name, if any.
  std::string operation;
  std::string error;
};

class ProtocolHandler {
 public:
  ProtocolHandler(cloudcontrol::CloudControlService& service, IdGenerator& ids,
                  IdentityDefaults defaults);

  // Never throws: every failure becomes an AWS error response.
  Response handle(const Request& request) const;

  // An error response in AWS's format, for failures the HTTP layer detects itself.
  Response error_response(ErrorCode code, const std::string& message) const;

 private:
  cloudcontrol::CloudControlService& service_;
  IdGenerator& ids_;
  const IdentityDefaults defaults_;
};

}  // namespace ccemu::protocol
