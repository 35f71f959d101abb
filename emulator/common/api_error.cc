#include "common/api_error.h"

namespace ccemu {

std::string_view error_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kAlreadyExists:
      return "AlreadyExistsException";
    case ErrorCode::kClientTokenConflict:
      return "ClientTokenConflictException";
    case ErrorCode::kConcurrentModification:
      return "ConcurrentModificationException";
    case ErrorCode::kConcurrentOperation:
      return "ConcurrentOperationException";
    case ErrorCode::kGeneralService:
      return "GeneralServiceException";
    case ErrorCode::kHandlerFailure:
      return "HandlerFailureException";
    case ErrorCode::kHandlerInternalFailure:
      return "HandlerInternalFailureException";
    case ErrorCode::kInvalidCredentials:
      return "InvalidCredentialsException";
    case ErrorCode::kInvalidRequest:
      return "InvalidRequestException";
    case ErrorCode::kNetworkFailure:
      return "NetworkFailureException";
    case ErrorCode::kNotStabilized:
      return "NotStabilizedException";
    case ErrorCode::kNotUpdatable:
      return "NotUpdatableException";
    case ErrorCode::kPrivateType:
      return "PrivateTypeException";
    case ErrorCode::kRequestTokenNotFound:
      return "RequestTokenNotFoundException";
    case ErrorCode::kResourceConflict:
      return "ResourceConflictException";
    case ErrorCode::kResourceNotFound:
      return "ResourceNotFoundException";
    case ErrorCode::kServiceInternalError:
      return "ServiceInternalErrorException";
    case ErrorCode::kServiceLimitExceeded:
      return "ServiceLimitExceededException";
    case ErrorCode::kThrottling:
      return "ThrottlingException";
    case ErrorCode::kTypeNotFound:
      return "TypeNotFoundException";
    case ErrorCode::kUnsupportedAction:
      return "UnsupportedActionException";
    case ErrorCode::kValidation:
      return "ValidationException";
    case ErrorCode::kSerialization:
      return "SerializationException";
    case ErrorCode::kUnknownOperation:
      return "UnknownOperationException";
    case ErrorCode::kInvalidSignature:
      return "InvalidSignatureException";
    case ErrorCode::kRequestEntityTooLarge:
      return "RequestEntityTooLargeException";
    case ErrorCode::kInternalFailure:
      return "InternalFailure";
    case ErrorCode::kReplayMismatch:
      return "ReplayMismatchException";
    case ErrorCode::kMissingAuthenticationToken:
      return "MissingAuthenticationTokenException";
    case ErrorCode::kUnrecognizedClient:
      return "UnrecognizedClientException";
    case ErrorCode::kSignatureDoesNotMatch:
      return "InvalidSignatureException";
    case ErrorCode::kIncompleteSignature:
      return "IncompleteSignatureException";
    case ErrorCode::kConflict:
      return "ConflictException";
    case ErrorCode::kInternalServer:
      return "InternalServerException";
    case ErrorCode::kServiceQuotaExceeded:
      return "ServiceQuotaExceededException";
    case ErrorCode::kExpiredToken:
      return "ExpiredTokenException";
    case ErrorCode::kAccessDenied:
      return "AccessDenied";
    case ErrorCode::kInvalidAction:
      return "InvalidAction";
    case ErrorCode::kMissingAction:
      return "MissingAction";
    case ErrorCode::kMissingParameter:
      return "MissingParameter";
    case ErrorCode::kMalformedQueryString:
      return "MalformedQueryString";
    case ErrorCode::kInvalidIdentityToken:
      return "InvalidIdentityToken";
  }
  return "InternalFailure";
}

std::optional<ErrorCode> parse_error_name(std::string_view name) {
  // Every code is below 256; values past the last one name "InternalFailure", which
  // kInternalFailure already matched, so the walk needs no list that could fall behind the enum.
  for (int i = 0; i < 256; ++i) {
    const auto code = static_cast<ErrorCode>(i);
    if (error_name(code) == name) return code;
  }
  return std::nullopt;
}

}  // namespace ccemu
