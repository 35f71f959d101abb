#include "protocol/caller_identity.h"

#include <regex>
#include <vector>

#include "common/api_error.h"
#include "common/cached_match.h"

namespace ccemu::protocol {
namespace {

std::string trim(const std::string& text) {
  auto first = text.find_first_not_of(" \t");
  auto last = text.find_last_not_of(" \t");
  return first == std::string::npos ? "" : text.substr(first, last - first + 1);
}

}  // namespace

cloudcontrol::Caller caller_from_authorization(const std::string& authorization,
                                               const IdentityDefaults& defaults,
                                               std::string_view service) {
  cloudcontrol::Caller caller{defaults.account, defaults.region};
  auto start = authorization.find("Credential=");
  if (start == std::string::npos) return caller;
  // Two Authorization headers arrive joined; which identity was meant cannot be told.
  if (authorization.find("Credential=", start + 1) != std::string::npos) {
    throw ApiError(ErrorCode::kInvalidSignature,
                   "Authorization header must carry exactly one Credential.");
  }
  start += std::string("Credential=").size();
  std::string scope = trim(authorization.substr(start, authorization.find(',', start) - start));
  std::vector<std::string> parts;
  for (size_t from = 0;;) {
    size_t slash = scope.find('/', from);
    parts.push_back(scope.substr(from, slash == std::string::npos ? slash : slash - from));
    if (slash == std::string::npos) break;
    from = slash + 1;
  }
  if (parts.size() != 5) {
    throw ApiError(ErrorCode::kInvalidSignature,
                   "Authorization header requires a Credential of the form "
                   "<access key>/<date>/<region>/" +
                       std::string(service) + "/aws4_request; got '" + scope + "'.");
  }
  static constexpr const char* kRegionPattern = "[a-z]{2}(-[a-z]+)+-[0-9]+";
  static const std::regex kRegion(kRegionPattern);
  // Region names are short; the length check keeps long text away from std::regex.
  if (parts[2].size() > 32 || !cached_regex_match(parts[2], kRegion, kRegionPattern)) {
    throw ApiError(ErrorCode::kInvalidSignature,
                   "Credential should be scoped to a valid region, not '" + parts[2] + "'.");
  }
  if (parts[3] != service) {
    throw ApiError(
        ErrorCode::kInvalidSignature,
        "Credential should be scoped to correct service: '" + std::string(service) + "'.");
  }
  static constexpr const char* kAccountPattern = "[0-9]{12}";
  static const std::regex kAccount(kAccountPattern);
  caller.region = parts[2];
  caller.access_key_id = parts[0];
  std::optional<identity::Session> session;
  if (defaults.sessions != nullptr) session = defaults.sessions->find(parts[0]);
  if (session) {
    caller.account = session->account;
  } else if (cached_regex_match(parts[0], kAccount, kAccountPattern)) {
    caller.account = parts[0];
  }
  return caller;
}

}  // namespace ccemu::protocol
