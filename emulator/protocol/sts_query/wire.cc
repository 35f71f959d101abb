#include "protocol/sts_query/wire.h"

#include "common/text.h"
#include "protocol/handler.h"
#include "protocol/sts_query/form.h"
#include "protocol/sts_query/member_rules.h"
#include "protocol/sts_query/operations.h"
#include "protocol/sts_query/xml.h"

namespace ccemu::protocol::sts_query {
namespace {

using nlohmann::json;

constexpr std::string_view kVersion = "2011-06-15";
constexpr size_t kMaxMessageLength = 2048;

// A GET carries its parameters in the query string, a POST in its body.
std::string_view form_text(const Request& request) {
  return request.method == "GET" ? std::string_view(request.query) : std::string_view(request.body);
}

std::string parameter(const FormParameters& parameters, std::string_view name) {
  for (const auto& [key, value] : parameters) {
    if (key == name) return value;
  }
  return "";
}

struct StsError {
  int status;
  std::string_view code;
};

// The query protocol's names and statuses (STS API reference "Common Errors", botocore sts model).
StsError sts_error(ErrorCode code) {
  switch (code) {
    case ErrorCode::kValidation:
      return {400, "ValidationError"};
    case ErrorCode::kInvalidSignature:
    case ErrorCode::kSignatureDoesNotMatch:
      return {403, "SignatureDoesNotMatch"};
    case ErrorCode::kIncompleteSignature:
      return {400, "IncompleteSignature"};
    case ErrorCode::kMissingAuthenticationToken:
      return {403, "MissingAuthenticationToken"};
    case ErrorCode::kUnrecognizedClient:
    case ErrorCode::kInvalidCredentials:
      return {403, "InvalidClientTokenId"};
    case ErrorCode::kExpiredToken:
      return {403, "ExpiredToken"};
    case ErrorCode::kAccessDenied:
      return {403, "AccessDenied"};
    case ErrorCode::kThrottling:
      return {400, "Throttling"};
    case ErrorCode::kInternalFailure:
    case ErrorCode::kInternalServer:
    case ErrorCode::kServiceInternalError:
      return {500, "InternalFailure"};
    case ErrorCode::kRequestEntityTooLarge:
      return {413, "RequestEntityTooLarge"};
    case ErrorCode::kSerialization:
    case ErrorCode::kMalformedQueryString:
      return {400, "MalformedQueryString"};
    case ErrorCode::kUnknownOperation:
    case ErrorCode::kInvalidAction:
      return {400, "InvalidAction"};
    default:
      return {400, error_name(code)};
  }
}

}  // namespace

bool StsQuery::requires_signature(const Request& request) const {
  return operation_name(request) != "AssumeRoleWithWebIdentity" ||
         request.headers.contains("authorization");
}

std::string StsQuery::operation_name(const Request& request) const {
  const std::optional<FormParameters> parameters = parse_form(form_text(request));
  if (!parameters) return "";
  const std::string action = parameter(*parameters, "Action");
  return served(action) ? action : "";
}

DecodedOperation StsQuery::decode(const Request& request) const {
  const std::optional<FormParameters> parameters = parse_form(form_text(request));
  if (!parameters) {
    throw ApiError(ErrorCode::kMalformedQueryString, "The query string contains a syntax error.");
  }
  json input = json::object();
  // A parameter sent twice: the last one counts.
  for (const auto& [name, value] : *parameters) input[name] = value;
  const std::string action = parameter(*parameters, "Action");
  const std::string version = parameter(*parameters, "Version");
  if (action.empty()) throw ApiError(ErrorCode::kMissingAction, "Missing Action");
  if (version.empty()) {
    throw ApiError(ErrorCode::kMissingParameter, "The request must contain the parameter Version");
  }
  if (version == kVersion && in_model(action) && !served(action)) {
    throw ApiError(ErrorCode::kInvalidAction,
                   "Operation " + action +
                       " is not supported by ccemu, which serves GetCallerIdentity, AssumeRole, "
                       "AssumeRoleWithWebIdentity and GetSessionToken.");
  }
  if (version != kVersion || !served(action)) {
    throw ApiError(ErrorCode::kInvalidAction,
                   "Could not find operation " + action + " for version " + version);
  }
  return {action, std::move(input)};
}

std::string StsQuery::serve(cloudcontrol::CloudControlService&, const cloudcontrol::Caller& caller,
                            const std::string& operation, const json& input) const {
  check_members(operation, input);
  return run_operation(sessions_, ids_, caller, operation, input);
}

void StsQuery::encode_error(ErrorCode code, const std::string& message, Response& response) const {
  const StsError error = sts_error(code);
  response.status = error.status;
  response.error = std::string(error.code);
  response.body =
      error_document(error.status < 500, error.code, truncate_utf8(message, kMaxMessageLength));
}

void StsQuery::add_request_id(Response& response) const {
  fill_request_id(response.body, response.request_id);
}

}  // namespace ccemu::protocol::sts_query
