#include "protocol/cloudcontrol_json/member_rules.h"

#include <cctype>
#include <map>
#include <regex>

#include "common/api_error.h"
#include "common/cached_match.h"
#include "common/text.h"
#include "common/validation_message.h"
#include "protocol/member_checks.h"

namespace ccemu::protocol::cloudcontrol_json {
namespace {

using Kind = MemberRule::Kind;
using nlohmann::json;

constexpr std::string_view kTypeNamePattern =
    "[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}";
constexpr std::string_view kTokenPattern = "[-A-Za-z0-9+/=]+";
constexpr std::string_view kAnyPattern = "[\\s\\S]*";
// Every patterned member allows at most 4096 characters, so longer values have already failed.
constexpr size_t kMaxPatternCheckedLength = 8192;

MemberRule type_name(std::string_view op) {
  return {op, "TypeName", "TypeName", Kind::kString, true, 10, 196, kTypeNamePattern, {}, false};
}
MemberRule type_version_id(std::string_view op) {
  return {op,   "TypeVersionId", "TypeVersionId", Kind::kString, false, 1, 128, "[A-Za-z0-9-]+", {},
          false};
}
MemberRule role_arn(std::string_view op) {
  return {op, "RoleArn", "RoleArn", Kind::kString, false, 20, 2048, "arn:.+:iam::[0-9]{12}:role/.+",
          {}, false};
}
MemberRule client_token(std::string_view op) {
  return {op, "ClientToken", "ClientToken", Kind::kString, false, 1, 128, kTokenPattern, {}, false};
}
MemberRule identifier(std::string_view op) {
  return {op, "Identifier", "Identifier", Kind::kString, true, 1, 1024, ".+", {}, false};
}
MemberRule properties(std::string_view op, std::string_view member, bool required) {
  return {op, member, "Properties", Kind::kString, required, 1, 262144, kAnyPattern, {}, true};
}
MemberRule request_token(std::string_view op) {
  return {op, "RequestToken", "RequestToken", Kind::kString, true, 1, 128, kTokenPattern,
          {}, false};
}
MemberRule max_results(std::string_view op) {
  return {op, "MaxResults", "MaxResults", Kind::kInteger, false, 1, 100, "", {}, false};
}

std::vector<MemberRule> build_rules() {
  return {
      request_token("CancelResourceRequest"),
      type_name("CreateResource"),
      type_version_id("CreateResource"),
      role_arn("CreateResource"),
      client_token("CreateResource"),
      properties("CreateResource", "DesiredState", true),
      type_name("DeleteResource"),
      type_version_id("DeleteResource"),
      role_arn("DeleteResource"),
      client_token("DeleteResource"),
      identifier("DeleteResource"),
      type_name("GetResource"),
      type_version_id("GetResource"),
      role_arn("GetResource"),
      identifier("GetResource"),
      request_token("GetResourceRequestStatus"),
      max_results("ListResourceRequests"),
      {"ListResourceRequests",
       "NextToken",
       "NextToken",
       Kind::kString,
       false,
       1,
       2048,
       kTokenPattern,
       {},
       false},
      {"ListResourceRequests",
       "ResourceRequestStatusFilter",
       "ResourceRequestStatusFilter",
       Kind::kStructure,
       false,
       std::nullopt,
       std::nullopt,
       "",
       {},
       false},
      {"ListResourceRequests",
       "ResourceRequestStatusFilter.Operations",
       "Operations",
       Kind::kStringList,
       false,
       std::nullopt,
       std::nullopt,
       "",
       {"CREATE", "DELETE", "UPDATE"},
       false},
      {"ListResourceRequests",
       "ResourceRequestStatusFilter.OperationStatuses",
       "OperationStatuses",
       Kind::kStringList,
       false,
       std::nullopt,
       std::nullopt,
       "",
       {"PENDING", "IN_PROGRESS", "SUCCESS", "FAILED", "CANCEL_IN_PROGRESS", "CANCEL_COMPLETE"},
       false},
      type_name("ListResources"),
      type_version_id("ListResources"),
      role_arn("ListResources"),
      {"ListResources",
       "NextToken",
       "HandlerNextToken",
       Kind::kString,
       false,
       1,
       4096,
       ".+",
       {},
       false},
      max_results("ListResources"),
      properties("ListResources", "ResourceModel", false),
      type_name("UpdateResource"),
      type_version_id("UpdateResource"),
      role_arn("UpdateResource"),
      client_token("UpdateResource"),
      identifier("UpdateResource"),
      {"UpdateResource",
       "PatchDocument",
       "PatchDocument",
       Kind::kString,
       true,
       1,
       262144,
       kAnyPattern,
       {},
       true},
  };
}

// AWS names members lowerCamel in these messages: "resourceRequestStatusFilter.operations".
std::string message_name(std::string_view member) {
  std::string out(member);
  bool start = true;
  for (char& c : out) {
    if (start) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    start = c == '.';
  }
  return out;
}

bool matches(const MemberRule& rule, const std::string& value) {
  if (rule.pattern.empty() || rule.pattern == kAnyPattern) return true;
  static const auto* compiled = [] {
    auto* map = new std::map<std::string_view, std::regex>();
    for (const auto& r : member_rules()) {
      if (!r.pattern.empty() && r.pattern != kAnyPattern) {
        map->try_emplace(r.pattern, std::string(r.pattern));
      }
    }
    return map;
  }();
  return cached_regex_match(value, compiled->at(rule.pattern), rule.pattern);
}

}  // namespace

const std::vector<MemberRule>& member_rules() {
  static const std::vector<MemberRule> kRules = build_rules();
  return kRules;
}

void check_members(std::string_view operation, const json& body) {
  std::vector<std::string> clauses;
  for (const MemberRule& rule : member_rules()) {
    if (rule.operation != operation) continue;
    const std::string name = message_name(rule.member);
    const json* value = member_at(body, rule.member);
    if (value == nullptr) {
      if (rule.required)
        clauses.push_back(constraint_clause(std::nullopt, name, "Member must not be null"));
      continue;
    }
    switch (rule.kind) {
      case Kind::kStructure:
        if (!value->is_object()) throw_wrong_type(rule.member, *value, "a JSON object");
        break;
      case Kind::kInteger:
        if (!value->is_number_integer()) throw_wrong_type(rule.member, *value, "an integer");
        add_range_clauses(*value, name, rule.min, rule.max, clauses);
        break;
      case Kind::kStringList: {
        if (!value->is_array()) throw_wrong_type(rule.member, *value, "a JSON array");
        bool all_known = true;
        std::string shown;
        for (const json& item : *value) {
          if (!item.is_string()) throw_wrong_type(rule.member, item, "a list of strings");
          const std::string& text = item.get_ref<const std::string&>();
          shown += (shown.empty() ? "" : ", ") + text;
          all_known = all_known && std::find(rule.enum_values.begin(), rule.enum_values.end(),
                                             text) != rule.enum_values.end();
        }
        if (!all_known) {
          clauses.push_back(constraint_clause(
              "[" + shown + "]", name,
              "Member must satisfy constraint: [Member must satisfy enum value set: " +
                  enum_list(rule.enum_values) + "]"));
        }
        break;
      }
      case Kind::kString: {
        if (!value->is_string()) throw_wrong_type(rule.member, *value, "a string");
        const std::string& text = value->get_ref<const std::string&>();
        add_length_clauses(text, name, rule.min, rule.max, rule.sensitive, clauses);
        // AWS reports a length and a pattern failure together; only strings too long for
        // std::regex's recursion are spared the pattern (reference §7).
        if (code_points(text) <= kMaxPatternCheckedLength && !matches(rule, text)) {
          clauses.push_back(constraint_clause(
              text, name,
              "Member must satisfy regular expression pattern: " + std::string(rule.pattern),
              rule.sensitive));
        }
        break;
      }
    }
  }
  if (!clauses.empty()) throw ApiError(ErrorCode::kValidation, validation_errors_message(clauses));
}

}  // namespace ccemu::protocol::cloudcontrol_json
