#include "protocol/cloudcontrol_json/error_encoding.h"

#include <nlohmann/json.hpp>

#include "common/text.h"

namespace ccemu::protocol::cloudcontrol_json {
namespace {

constexpr size_t kMaxMessageLength = 2048;

}  // namespace

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::kClientTokenConflict:
    case ErrorCode::kConcurrentOperation:
    case ErrorCode::kResourceConflict:
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kConcurrentModification:
    case ErrorCode::kInternalFailure:
    case ErrorCode::kInternalServer:
      return 500;
    case ErrorCode::kHandlerFailure:
    case ErrorCode::kHandlerInternalFailure:
    case ErrorCode::kNetworkFailure:
    case ErrorCode::kServiceInternalError:
      return 502;
    case ErrorCode::kInvalidCredentials:
      return 401;
    case ErrorCode::kServiceQuotaExceeded:
      return 402;
    case ErrorCode::kMissingAuthenticationToken:
    case ErrorCode::kUnrecognizedClient:
    case ErrorCode::kSignatureDoesNotMatch:
    case ErrorCode::kExpiredToken:
    case ErrorCode::kAccessDenied:
      return 403;
    case ErrorCode::kRequestTokenNotFound:
    case ErrorCode::kResourceNotFound:
    case ErrorCode::kTypeNotFound:
      return 404;
    case ErrorCode::kThrottling:
      return 429;
    case ErrorCode::kUnsupportedAction:
      return 405;
    case ErrorCode::kRequestEntityTooLarge:
      return 413;
    default:
      return 400;
  }
}

std::string error_body(ErrorCode code, const std::string& message) {
  // Ordered so that "__type" comes first, as AWS writes it.
  nlohmann::ordered_json body = {
      {"__type", "com.amazonaws.cloudcontrol#" + std::string(error_name(code))},
      {"Message", truncate_utf8(message, kMaxMessageLength)}};
  return body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace ccemu::protocol::cloudcontrol_json
