#include "protocol/signature_verifier.h"

#include <ctime>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "common/api_error.h"
#include "common/json_limits.h"
#include "protocol/caller_identity.h"
#include "protocol/sigv4.h"

namespace ccemu::protocol {
namespace {

using nlohmann::json;

const std::string* header(const Request& request, const std::string& name) {
  auto it = request.headers.find(name);
  return it == request.headers.end() ? nullptr : &it->second;
}

// Milliseconds since the epoch of a yyyymmddTHHMMSSZ date, or nullopt when it has another shape.
std::optional<int64_t> parse_amz_date(const std::string& text) {
  std::tm parts{};
  if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z') return std::nullopt;
  for (size_t i = 0; i < 15; ++i) {
    if (i != 8 && (text[i] < '0' || text[i] > '9')) return std::nullopt;
  }
  auto number = [&](size_t from, size_t length) { return std::stoi(text.substr(from, length)); };
  parts.tm_year = number(0, 4) - 1900;
  parts.tm_mon = number(4, 2) - 1;
  parts.tm_mday = number(6, 2);
  parts.tm_hour = number(9, 2);
  parts.tm_min = number(11, 2);
  parts.tm_sec = number(13, 2);
  if (parts.tm_mon > 11 || parts.tm_mday < 1 || parts.tm_mday > 31 || parts.tm_hour > 23 ||
      parts.tm_min > 59 || parts.tm_sec > 60) {
    return std::nullopt;
  }
  return static_cast<int64_t>(timegm(&parts)) * 1000;
}

bool is_account(const std::string& text) {
  return text.size() == 12 && text.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

Credentials parse_credentials(const json& file) {
  if (!file.is_object() || file.empty()) {
    throw std::invalid_argument(
        "expected a JSON object of access key ids, each {\"secret_access_key\": \"...\", "
        "\"account_id\": \"<12 digits>\"}");
  }
  Credentials credentials;
  for (const auto& [key_id, entry] : file.items()) {
    const std::string where = "access key '" + key_id + "': ";
    if (key_id.empty()) throw std::invalid_argument("an access key id is empty");
    if (!entry.is_object()) throw std::invalid_argument(where + "expected an object");
    for (const auto& [name, value] : entry.items()) {
      if (name != "secret_access_key" && name != "account_id")
        throw std::invalid_argument(where + "unknown member '" + name + "'");
    }
    auto secret = entry.find("secret_access_key");
    if (secret == entry.end() || !secret->is_string() || secret->get<std::string>().empty())
      throw std::invalid_argument(where + "secret_access_key must be a non-empty string");
    auto account = entry.find("account_id");
    if (account == entry.end() || !account->is_string() || !is_account(account->get<std::string>()))
      throw std::invalid_argument(where + "account_id must be a 12-digit string");
    credentials[key_id] = {secret->get<std::string>(), account->get<std::string>()};
  }
  return credentials;
}

Credentials load_credentials(const std::filesystem::path& file) {
  const std::string where = "cannot load credentials file " + file.string() + ": ";
  std::ifstream in(file);
  if (!in) throw std::runtime_error(where + "cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  std::string error;
  auto parsed = parse_bounded_json(text.str(), error);
  // The parser's message quotes the text near the error, which may be a secret.
  if (!parsed) throw std::runtime_error(where + "not JSON");
  try {
    return parse_credentials(*parsed);
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(where + e.what());
  }
}

SignatureVerifier::SignatureVerifier(Credentials credentials, IdentityDefaults defaults,
                                     Clock& clock)
    : credentials_(std::move(credentials)), defaults_(std::move(defaults)), clock_(clock) {}

cloudcontrol::Caller SignatureVerifier::authenticate(const Request& request,
                                                     std::string_view service) const {
  const std::string* authorization = header(request, "authorization");
  if (authorization == nullptr || authorization->empty())
    throw ApiError(ErrorCode::kMissingAuthenticationToken, "Missing Authentication Token");
  cloudcontrol::Caller caller = caller_from_authorization(*authorization, defaults_, service);
  const std::optional<ParsedAuthorization> parsed = parse_authorization(*authorization);
  if (!parsed) {
    throw ApiError(ErrorCode::kIncompleteSignature,
                   "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' "
                   "parameters in AWS4-HMAC-SHA256 form.");
  }
  const AccessKey key = signing_key(request, parsed->access_key_id);

  const std::string* date = header(request, "x-amz-date");
  if (date == nullptr) {
    throw ApiError(ErrorCode::kIncompleteSignature,
                   "Authorization header requires existence of either a 'X-Amz-Date' or a "
                   "'Date' header.");
  }
  const std::optional<int64_t> signed_ms = parse_amz_date(*date);
  if (!signed_ms) {
    throw ApiError(ErrorCode::kIncompleteSignature,
                   "Date must be in ISO-8601 'basic format'. Got '" + *date + "'.");
  }
  const int64_t now_ms = clock_.now_ms();
  if (*signed_ms < now_ms - kMaxClockSkewMs) {
    throw ApiError(ErrorCode::kSignatureDoesNotMatch, "Signature expired: " + *date +
                                                          " is now earlier than " +
                                                          amz_date(now_ms - kMaxClockSkewMs) +
                                                          " (" + amz_date(now_ms) + " - 15 min.)");
  }
  if (*signed_ms > now_ms + kMaxClockSkewMs) {
    throw ApiError(ErrorCode::kSignatureDoesNotMatch, "Signature not yet current: " + *date +
                                                          " is still later than " +
                                                          amz_date(now_ms + kMaxClockSkewMs) +
                                                          " (" + amz_date(now_ms) + " + 15 min.)");
  }

  SignableRequest signable{request.method, request.path, request.query, {}, request.body};
  for (const auto& [name, value] : request.headers) signable.headers.emplace_back(name, value);
  if (!verify(signable, *parsed, key.secret_access_key)) {
    throw ApiError(ErrorCode::kSignatureDoesNotMatch,
                   "The request signature we calculated does not match the signature you "
                   "provided. Check your AWS Secret Access Key and signing method. Consult the "
                   "service documentation for details.");
  }
  caller.account = key.account_id;
  return caller;
}

AccessKey SignatureVerifier::signing_key(const Request& request,
                                         const std::string& access_key_id) const {
  auto key = credentials_.find(access_key_id);
  if (key != credentials_.end()) return key->second;
  std::optional<identity::Session> session;
  if (defaults_.sessions != nullptr) session = defaults_.sessions->find(access_key_id);
  // A temporary key is only valid with the session token it was issued with.
  const std::string* token = header(request, "x-amz-security-token");
  if (!session || token == nullptr || *token != session->session_token) {
    throw ApiError(ErrorCode::kUnrecognizedClient,
                   "The security token included in the request is invalid.");
  }
  if (defaults_.sessions->expired(*session)) {
    throw ApiError(ErrorCode::kExpiredToken,
                   "The security token included in the request is expired");
  }
  return {session->secret_access_key, session->account};
}

}  // namespace ccemu::protocol
