#include "protocol/sts_query/operations.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "common/api_error.h"
#include "common/base64.h"
#include "common/clock.h"
#include "common/json_limits.h"
#include "protocol/sts_query/member_rules.h"
#include "protocol/sts_query/xml.h"

namespace ccemu::protocol::sts_query {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 4> kServed = {
    "GetCallerIdentity", "AssumeRole", "AssumeRoleWithWebIdentity", "GetSessionToken"};
constexpr std::array<std::string_view, 7> kNotServed = {
    "AssumeRoleWithSAML",         "AssumeRoot",
    "DecodeAuthorizationMessage", "GetAccessKeyInfo",
    "GetDelegatedAccessToken",    "GetFederationToken",
    "GetWebIdentityToken"};
// Default and role-chaining durations (botocore sts model documentation).
constexpr int64_t kRoleDefaultSeconds = 3600;
constexpr int64_t kSessionTokenDefaultSeconds = 43200;
constexpr int64_t kChainedRoleMaxSeconds = 3600;
constexpr std::string_view kSessionTokenPrefix = "IQoJb3JpZ2luX2VjE";

// A role ARN's parts: arn:<partition>:iam::<account>:role/<path/><name>.
struct RoleArn {
  std::string partition;
  std::string account;
  std::string name;
};

std::optional<RoleArn> parse_role_arn(const std::string& arn) {
  std::array<std::string, 6> parts;
  size_t from = 0;
  for (size_t k = 0; k < 5; ++k) {
    const size_t colon = arn.find(':', from);
    if (colon == std::string::npos) return std::nullopt;
    parts[k] = arn.substr(from, colon - from);
    from = colon + 1;
  }
  parts[5] = arn.substr(from);
  const bool account_ok =
      parts[4].size() == 12 && std::all_of(parts[4].begin(), parts[4].end(), ::isdigit);
  const std::string name = parts[5].substr(parts[5].rfind('/') + 1);
  if (parts[0] != "arn" || parts[1].empty() || parts[2] != "iam" || !parts[3].empty() ||
      !account_ok || !parts[5].starts_with("role/") || name.empty()) {
    return std::nullopt;
  }
  return RoleArn{parts[1], parts[4], name};
}

std::string string_parameter(const json& input, const char* name) {
  auto it = input.find(name);
  return it != input.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// IAM's unique id of a role ("AROA" + 17 characters), the same for every session of the role.
std::string role_id(const std::string& role_arn) {
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  uint64_t hash = 1469598103934665603ull;  // FNV-1a
  for (unsigned char c : role_arn) hash = (hash ^ c) * 1099511628211ull;
  std::string id = "AROA";
  for (int i = 0; i < 17; ++i, hash = hash * 6364136223846793005ull + 1442695040888963407ull)
    id += kAlphabet[(hash >> 59) & 31];
  return id;
}

std::string element(std::string_view indent, std::string_view name, const std::string& value) {
  return std::string(indent) + "<" + std::string(name) + ">" + xml_text(value) + "</" +
         std::string(name) + ">\n";
}

// Issues credentials for `session` (its expiry set from `duration_seconds`); their XML.
std::string issue(identity::SessionStore& sessions, IdGenerator& ids, identity::Session session,
                  int64_t duration_seconds) {
  const std::string access_key_id = "ASIA" + upper(ids.alphanumeric(16));
  session.secret_access_key = ids.alphanumeric(40);
  session.session_token = std::string(kSessionTokenPrefix) + ids.alphanumeric(340);
  session.expires_ms = sessions.now_ms() + duration_seconds * 1000;
  std::string xml = "    <Credentials>\n";
  xml += element("      ", "AccessKeyId", access_key_id);
  xml += element("      ", "SecretAccessKey", session.secret_access_key);
  xml += element("      ", "SessionToken", session.session_token);
  xml += element("      ", "Expiration", utc_text(session.expires_ms, "%Y-%m-%dT%H:%M:%SZ"));
  xml += "    </Credentials>\n";
  sessions.add(access_key_id, std::move(session));
  return xml;
}

// The principal behind the caller's key: its session's, else the account's root user.
identity::Session principal(const identity::SessionStore& sessions,
                            const cloudcontrol::Caller& caller) {
  if (auto session = sessions.find(caller.access_key_id)) return *session;
  identity::Session root;
  root.account = caller.account;
  root.arn = "arn:aws:iam::" + caller.account + ":root";
  root.user_id = caller.account;
  return root;
}

// The claims of a JSON Web Token (its middle, base64url part), or nullopt when it is not one.
std::optional<json> token_claims(const std::string& token) {
  const size_t first = token.find('.');
  const size_t second = first == std::string::npos ? first : token.find('.', first + 1);
  if (second == std::string::npos || token.find('.', second + 1) != std::string::npos)
    return std::nullopt;
  std::string payload = token.substr(first + 1, second - first - 1);
  std::replace(payload.begin(), payload.end(), '-', '+');
  std::replace(payload.begin(), payload.end(), '_', '/');
  while (payload.size() % 4 != 0) payload += '=';
  const std::optional<std::string> text = base64_decode(payload);
  if (!text) return std::nullopt;
  std::string error;
  std::optional<json> claims = parse_bounded_json(*text, error);
  if (!claims || !claims->is_object()) return std::nullopt;
  return claims;
}

std::string claim(const json& claims, const char* name) {
  auto it = claims.find(name);
  if (it == claims.end()) return "";
  if (it->is_array() && !it->empty() && it->front().is_string()) return it->front();
  return it->is_string() ? it->get<std::string>() : std::string();
}

std::string assume_role(identity::SessionStore& sessions, IdGenerator& ids,
                        const cloudcontrol::Caller& caller, const json& input, bool web_identity) {
  const std::string arn = string_parameter(input, "RoleArn");
  const std::optional<RoleArn> role = parse_role_arn(arn);
  if (!role) throw ApiError(ErrorCode::kValidation, "Request ARN is invalid");
  const int64_t duration = integer_member(input, "DurationSeconds").value_or(kRoleDefaultSeconds);
  if (!web_identity) {
    const std::optional<identity::Session> own = sessions.find(caller.access_key_id);
    if (own && own->from_role && duration > kChainedRoleMaxSeconds) {
      throw ApiError(ErrorCode::kValidation,
                     "The requested DurationSeconds exceeds the 1 hour session limit for roles "
                     "assuming other roles.");
    }
  }
  std::string xml;
  if (web_identity) {
    const std::optional<json> claims = token_claims(string_parameter(input, "WebIdentityToken"));
    if (!claims) {
      throw ApiError(ErrorCode::kInvalidIdentityToken,
                     "The ID Token provided is not a valid JWT. (You may see this error if you "
                     "sent an Access Token)");
    }
    const std::string provider = string_parameter(input, "ProviderId");
    xml += element("    ", "SubjectFromWebIdentityToken", claim(*claims, "sub"));
    xml += element("    ", "Audience", claim(*claims, "aud"));
    xml += element("    ", "Provider", provider.empty() ? claim(*claims, "iss") : provider);
  }
  const std::string session_name = string_parameter(input, "RoleSessionName");
  identity::Session session;
  session.account = role->account;
  session.arn = "arn:" + role->partition + ":sts::" + role->account + ":assumed-role/" +
                role->name + "/" + session_name;
  session.user_id = role_id(arn) + ":" + session_name;
  session.from_role = true;
  xml += "    <AssumedRoleUser>\n";
  xml += element("      ", "AssumedRoleId", session.user_id);
  xml += element("      ", "Arn", session.arn);
  xml += "    </AssumedRoleUser>\n";
  xml += issue(sessions, ids, std::move(session), duration);
  const std::string source_identity = string_parameter(input, "SourceIdentity");
  if (!source_identity.empty()) xml += element("    ", "SourceIdentity", source_identity);
  return result_document(web_identity ? "AssumeRoleWithWebIdentity" : "AssumeRole", xml);
}

std::string get_session_token(identity::SessionStore& sessions, IdGenerator& ids,
                              const cloudcontrol::Caller& caller, const json& input) {
  if (sessions.find(caller.access_key_id)) {
    throw ApiError(ErrorCode::kAccessDenied,
                   "Cannot call GetSessionToken with session credentials");
  }
  const int64_t duration =
      integer_member(input, "DurationSeconds").value_or(kSessionTokenDefaultSeconds);
  identity::Session session = principal(sessions, caller);
  return result_document("GetSessionToken", issue(sessions, ids, std::move(session), duration));
}

}  // namespace

bool served(std::string_view operation) {
  return std::find(kServed.begin(), kServed.end(), operation) != kServed.end();
}

bool in_model(std::string_view operation) {
  return served(operation) ||
         std::find(kNotServed.begin(), kNotServed.end(), operation) != kNotServed.end();
}

std::string run_operation(identity::SessionStore& sessions, IdGenerator& ids,
                          const cloudcontrol::Caller& caller, std::string_view operation,
                          const json& input) {
  if (operation == "AssumeRole") return assume_role(sessions, ids, caller, input, false);
  if (operation == "AssumeRoleWithWebIdentity")
    return assume_role(sessions, ids, caller, input, true);
  if (operation == "GetSessionToken") return get_session_token(sessions, ids, caller, input);
  const identity::Session who = principal(sessions, caller);
  std::string xml = element("    ", "Arn", who.arn);
  xml += element("    ", "UserId", who.user_id);
  xml += element("    ", "Account", who.account);
  return result_document("GetCallerIdentity", xml);
}

}  // namespace ccemu::protocol::sts_query
