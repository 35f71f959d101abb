#include "protocol/handler.h"

#include "common/json_limits.h"
#include "protocol/dispatch.h"
#include "protocol/error_encoding.h"
#include "protocol/member_rules.h"

namespace ccemu::protocol {
namespace {

constexpr std::string_view kTargetPrefix = "CloudApiService.";

std::string header(const Request& request, const std::string& name) {
  auto it = request.headers.find(name);
  return it == request.headers.end() ? "" : it->second;
}

}  // namespace

ProtocolHandler::ProtocolHandler(cloudcontrol::CloudControlService& service, IdGenerator& ids,
                                 IdentityDefaults defaults)
    : service_(service), ids_(ids), defaults_(std::move(defaults)) {}

Response ProtocolHandler::error_response(ErrorCode code, const std::string& message) const {
  Response response;
  response.status = http_status(code);
  response.request_id = ids_.uuid();
  response.body = error_body(code, message);
  response.error = std::string(error_name(code));
  return response;
}

Response ProtocolHandler::handle(const Request& request) const {
  std::string operation;
  try {
    // Authentication comes first at AWS's front end, before the operation is looked at.
    const cloudcontrol::Caller caller =
        caller_from_authorization(header(request, "authorization"), defaults_);
    const std::string target = header(request, "x-amz-target");
    if (target.starts_with(kTargetPrefix)) operation = target.substr(kTargetPrefix.size());
    const OperationHandler* run = find_operation(operation);
    if (run == nullptr) {
      throw ApiError(ErrorCode::kUnknownOperation,
                     target.empty()
                         ? "Missing X-Amz-Target header: expected CloudApiService.<Operation>."
                         : "Operation '" + target + "' is not supported by CloudApiService.");
    }
    std::string error;
    auto body = request.body.empty() ? std::optional(nlohmann::json::object())
                                     : parse_bounded_json(request.body, error);
    if (!body)
      throw ApiError(ErrorCode::kSerialization, "Request body is not valid JSON: " + error);
    if (!body->is_object()) {
      throw ApiError(ErrorCode::kSerialization,
                     std::string("Request body must be a JSON object, found a JSON ") +
                         body->type_name() + ".");
    }
    check_members(operation, *body);
    Response response;
    response.request_id = ids_.uuid();
    response.body = (*run)(service_, caller, *body).dump();
    response.operation = operation;
    return response;
  } catch (const ApiError& e) {
    Response response = error_response(e.code(), e.what());
    response.operation = operation;
    return response;
  } catch (const std::exception& e) {
    Response response =
        error_response(ErrorCode::kInternalFailure, std::string("Internal failure: ") + e.what());
    response.operation = operation;
    return response;
  }
}

}  // namespace ccemu::protocol
