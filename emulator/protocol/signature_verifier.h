// SignatureVerifier: --verify-sigv4 (README "Signature verification"). Checks each request's SigV4
// signature (protocol/sigv4.h) against the --credentials file and names its caller: the region of
// the credential scope, the account the file gives the access key.
//
// Refusals, in the order AWS's front end checks (all ApiError):
//   no Authorization header          403 MissingAuthenticationTokenException
//   unusable scope                   400 InvalidSignatureException (as without verification)
//   not AWS4-HMAC-SHA256 form        400 IncompleteSignatureException
//   unknown access key id            403 UnrecognizedClientException
//   issued temporary key (STS) without its X-Amz-Security-Token: the same
//   issued temporary key past its expiry  403 ExpiredTokenException
//   missing or malformed X-Amz-Date  400 IncompleteSignatureException
//   X-Amz-Date over 15 minutes off   403 InvalidSignatureException "Signature expired: ..." or
//                                        "Signature not yet current: ..."
//   signature mismatch               403 InvalidSignatureException
//
// Thread-safety: immutable after construction; authenticate() may run on many threads at once.
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "cloudcontrol/types.h"
#include "common/clock.h"
#include "protocol/handler.h"

namespace ccemu::protocol {

struct AccessKey {
  std::string secret_access_key;
  std::string account_id;  // 12 digits
};
// Access key id -> its secret and account.
using Credentials = std::map<std::string, AccessKey>;

// {"<access key id>": {"secret_access_key": "...", "account_id": "<12 digits>"}, ...}. Throws
// std::invalid_argument naming the first problem (never a secret).
Credentials parse_credentials(const nlohmann::json& file);
// parse_credentials() of a file. Throws std::runtime_error naming the file.
Credentials load_credentials(const std::filesystem::path& file);

// The largest difference AWS allows between X-Amz-Date and its clock.
inline constexpr int64_t kMaxClockSkewMs = 15 * 60 * 1000;

class SignatureVerifier {
 public:
  // `clock` is the server's wall clock (never the --seed clock): signatures carry real times.
  SignatureVerifier(Credentials credentials, IdentityDefaults defaults, Clock& clock);

  // The caller of a correctly signed request, whose scope names `service` (the API's signing
  // name). Throws ApiError as listed above.
  cloudcontrol::Caller authenticate(const Request& request,
                                    std::string_view service = "cloudcontrolapi") const;

 private:
  // The secret and account of a --credentials key, else of a live session STS issued (its
  // X-Amz-Security-Token must match). Throws ApiError as listed above.
  AccessKey signing_key(const Request& request, const std::string& access_key_id) const;

  const Credentials credentials_;
  const IdentityDefaults defaults_;
  Clock& clock_;
};

}  // namespace ccemu::protocol
