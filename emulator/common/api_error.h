// ApiError: every error a caller can see, as a value carrying its AWS error code.
//
// Layers below protocol/ throw ApiError; protocol/error_encoding.cc alone turns a code into an
// HTTP status and a "__type" (spec §1.4-1.6). Nothing here knows HTTP.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ccemu {

enum class ErrorCode {
  // Modeled errors of the cloudcontrol service (spec §1.5).
  kAlreadyExists,
  kClientTokenConflict,
  kConcurrentModification,
  kConcurrentOperation,
  kGeneralService,
  kHandlerFailure,
  kHandlerInternalFailure,
  kInvalidCredentials,
  kInvalidRequest,
  kNetworkFailure,
  kNotStabilized,
  kNotUpdatable,
  kPrivateType,
  kRequestTokenNotFound,
  kResourceConflict,
  kResourceNotFound,
  kServiceInternalError,
  kServiceLimitExceeded,
  kThrottling,
  kTypeNotFound,
  kUnsupportedAction,
  // Errors outside the model that AWS JSON services send (spec §1.6).
  kValidation,
  kSerialization,
  kUnknownOperation,
  kInvalidSignature,
  kRequestEntityTooLarge,
  kInternalFailure,
  // ccemu's own: --replay found no recorded exchange for the request (400).
  kReplayMismatch,
  // Authentication under --verify-sigv4 (403), as AWS's front end answers.
  kMissingAuthenticationToken,
  kUnrecognizedClient,
  kSignatureDoesNotMatch,  // "InvalidSignatureException" with 403, unlike kInvalidSignature's 400
  kIncompleteSignature,    // 400
  // Modeled errors of the AppFlow API (restJson1) that Cloud Control has no counterpart for.
  kConflict,              // ConflictException, 409
  kInternalServer,        // InternalServerException, 500
  kServiceQuotaExceeded,  // ServiceQuotaExceededException, 402
  // A temporary key whose session has ended (403 in JSON APIs, STS's "ExpiredToken" 400).
  kExpiredToken,
  // STS (awsQuery) errors: the query protocol's common errors and the STS model's.
  kAccessDenied,          // AccessDenied, 403
  kInvalidAction,         // InvalidAction, 400: unknown Action or Version
  kMissingAction,         // MissingAction, 400
  kMissingParameter,      // MissingParameter, 400
  kMalformedQueryString,  // MalformedQueryString, 400
  kInvalidIdentityToken,  // InvalidIdentityToken, 400
};

// The error name as it appears after '#' in "__type" and as botocore's Error.Code.
std::string_view error_name(ErrorCode code);

// The code whose error_name() is `name` (the first one, for a name two codes share), or nullopt.
std::optional<ErrorCode> parse_error_name(std::string_view name);

class ApiError : public std::runtime_error {
 public:
  ApiError(ErrorCode code, std::string message)
      : std::runtime_error(message), code_(code), message_(std::move(message)) {}

  ErrorCode code() const { return code_; }
  // The whole message; what() stops at a NUL byte, which a client-supplied value can hold.
  const std::string& message() const { return message_; }

 private:
  ErrorCode code_;
  std::string message_;
};

}  // namespace ccemu
