// ApiError: every error a caller can see, as a value carrying its AWS error code.
//
// Layers below protocol/ throw ApiError; protocol/error_encoding.cc alone turns a code into an
// HTTP status and a "__type" (spec §1.4-1.6). Nothing here knows HTTP.
#pragma once

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
};

// The error name as it appears after '#' in "__type" and as botocore's Error.Code.
std::string_view error_name(ErrorCode code);

class ApiError : public std::runtime_error {
 public:
  ApiError(ErrorCode code, std::string message)
      : std::runtime_error(std::move(message)), code_(code) {}

  ErrorCode code() const { return code_; }

 private:
  ErrorCode code_;
};

}  // namespace ccemu
