#include "protocol/appflow_rest/member_rules.h"

#include <map>
#include <regex>
#include <string>

#include "common/api_error.h"
#include "common/cached_match.h"
#include "common/text.h"
#include "common/validation_message.h"
#include "protocol/member_checks.h"

namespace ccemu::protocol::appflow_rest {
namespace {

using Kind = MemberRule::Kind;
using nlohmann::json;

// Every patterned member allows at most 2048 characters, so longer values have already failed
// and never reach std::regex (reference §7).
constexpr size_t kMaxPatternCheckedLength = 4096;

constexpr std::string_view kNamePattern = R"([\w/!@#+=.-]+)";
constexpr std::string_view kLabelPattern = R"([a-zA-Z0-9][\w!@#.-]+)";
constexpr std::string_view kTagKeyPattern = R"(^(?!aws:)[a-zA-Z+-=._:/]+$)";
constexpr std::string_view kTagValuePattern = R"([\s\w+-=\.:/@]*)";
const std::vector<std::string_view> kConnectorTypes = {"Salesforce",
                                                       "Singular",
                                                       "Slack",
                                                       "Redshift",
                                                       "S3",
                                                       "Marketo",
                                                       "Googleanalytics",
                                                       "Zendesk",
                                                       "Servicenow",
                                                       "Datadog",
                                                       "Trendmicro",
                                                       "Snowflake",
                                                       "Dynatrace",
                                                       "Infornexus",
                                                       "Amplitude",
                                                       "Veeva",
                                                       "EventBridge",
                                                       "LookoutMetrics",
                                                       "Upsolver",
                                                       "Honeycode",
                                                       "CustomerProfiles",
                                                       "SAPOData",
                                                       "CustomConnector",
                                                       "Pardot"};
const std::vector<std::string_view> kConnectionModes = {"Public", "Private"};

MemberRule name(std::string_view op, bool required) {
  return {op,
          "connectorProfileName",
          "ConnectorProfileName",
          Kind::kString,
          required,
          std::nullopt,
          256,
          kNamePattern};
}
MemberRule label(std::string_view op) {
  return {op,  "connectorLabel", "ConnectorLabel", Kind::kString, false, std::nullopt,
          256, kLabelPattern};
}
MemberRule connector_type(std::string_view op, bool required) {
  return {op, "connectorType", "ConnectorType", Kind::kString, required, std::nullopt, std::nullopt,
          "", kConnectorTypes};
}
MemberRule connection_mode(std::string_view op) {
  return {op, "connectionMode", "ConnectionMode", Kind::kString, true, std::nullopt, std::nullopt,
          "", kConnectionModes};
}
MemberRule config(std::string_view op) {
  return {op, "connectorProfileConfig", "ConnectorProfileConfig", Kind::kStructure, true};
}
MemberRule config_properties(std::string_view op) {
  return {op, "connectorProfileConfig.connectorProfileProperties", "ConnectorProfileProperties",
          Kind::kStructure, true};
}
MemberRule config_credentials(std::string_view op) {
  return {op, "connectorProfileConfig.connectorProfileCredentials", "ConnectorProfileCredentials",
          Kind::kStructure, false};
}
MemberRule client_token(std::string_view op) {
  return {op, "clientToken", "ClientToken", Kind::kString, false, 1, 256, "[ -~]+"};
}
MemberRule resource_arn(std::string_view op) {
  return {op,   "resourceArn", "ARN", Kind::kString,
          true, std::nullopt,  512,   "arn:aws:.*:.*:[0-9]+:.*"};
}

std::vector<MemberRule> build_rules() {
  return {
      name("CreateConnectorProfile", true),
      {"CreateConnectorProfile", "kmsArn", "KMSArn", Kind::kString, false, 20, 2048,
       "arn:aws:kms:.*:[0-9]+:.*"},
      connector_type("CreateConnectorProfile", true),
      label("CreateConnectorProfile"),
      connection_mode("CreateConnectorProfile"),
      config("CreateConnectorProfile"),
      config_properties("CreateConnectorProfile"),
      config_credentials("CreateConnectorProfile"),
      client_token("CreateConnectorProfile"),
      {"DeleteConnectorProfile", "connectorProfileName", "ConnectorProfileName", Kind::kString,
       true, std::nullopt, 256, kNamePattern},
      {"DeleteConnectorProfile", "forceDelete", "Boolean", Kind::kBoolean},
      {"DescribeConnectorProfiles",
       "connectorProfileNames",
       "ConnectorProfileNameList",
       Kind::kStringList,
       false,
       0,
       100,
       "",
       {},
       std::nullopt,
       256,
       kNamePattern},
      connector_type("DescribeConnectorProfiles", false),
      label("DescribeConnectorProfiles"),
      {"DescribeConnectorProfiles", "maxResults", "MaxResults", Kind::kInteger, false, 1, 100},
      {"DescribeConnectorProfiles", "nextToken", "NextToken", Kind::kString, false, std::nullopt,
       2048, R"(\S+)"},
      resource_arn("ListTagsForResource"),
      resource_arn("TagResource"),
      {"TagResource",
       "tags",
       "TagMap",
       Kind::kStringMap,
       true,
       0,
       50,
       "",
       {},
       1,
       128,
       kTagKeyPattern,
       256,
       kTagValuePattern},
      resource_arn("UntagResource"),
      {"UntagResource",
       "tagKeys",
       "TagKeyList",
       Kind::kStringList,
       true,
       0,
       50,
       "",
       {},
       1,
       128,
       kTagKeyPattern},
      name("UpdateConnectorProfile", true),
      connection_mode("UpdateConnectorProfile"),
      config("UpdateConnectorProfile"),
      config_properties("UpdateConnectorProfile"),
      config_credentials("UpdateConnectorProfile"),
      client_token("UpdateConnectorProfile"),
  };
}

bool matches(std::string_view pattern, const std::string& value) {
  if (pattern.empty()) return true;
  static thread_local std::map<std::string_view, std::regex> compiled;
  auto it = compiled.find(pattern);
  if (it == compiled.end()) it = compiled.emplace(pattern, std::regex(std::string(pattern))).first;
  return cached_regex_match(value, it->second, pattern);
}

// AWS's clauses for one string: length, then pattern, then enum.
void check_string(const std::string& text, const std::string& shown_name,
                  std::optional<int64_t> min, std::optional<int64_t> max, std::string_view pattern,
                  const std::vector<std::string_view>& enum_values,
                  std::vector<std::string>& clauses) {
  add_length_clauses(text, shown_name, min, max, false, clauses);
  if (code_points(text) <= kMaxPatternCheckedLength && !matches(pattern, text)) {
    clauses.push_back(constraint_clause(
        text, shown_name,
        "Member must satisfy regular expression pattern: " + std::string(pattern)));
  }
  if (!enum_values.empty() &&
      std::find(enum_values.begin(), enum_values.end(), text) == enum_values.end()) {
    clauses.push_back(constraint_clause(
        text, shown_name, "Member must satisfy enum value set: " + enum_list(enum_values)));
  }
}

void check_count(size_t count, const MemberRule& rule, const std::string& shown,
                 std::vector<std::string>& clauses) {
  const std::string name(rule.member);
  if (rule.min && count < static_cast<size_t>(*rule.min)) {
    clauses.push_back(constraint_clause(
        shown, name,
        "Member must have length greater than or equal to " + std::to_string(*rule.min)));
  }
  if (rule.max && count > static_cast<size_t>(*rule.max)) {
    clauses.push_back(constraint_clause(
        shown, name, "Member must have length less than or equal to " + std::to_string(*rule.max)));
  }
}

}  // namespace

const std::vector<MemberRule>& member_rules() {
  static const std::vector<MemberRule> kRules = build_rules();
  return kRules;
}

void check_members(std::string_view operation, const json& input) {
  std::vector<std::string> clauses;
  for (const MemberRule& rule : member_rules()) {
    if (rule.operation != operation) continue;
    const std::string name(rule.member);
    const json* value = member_at(input, rule.member);
    if (value == nullptr) {
      if (rule.required)
        clauses.push_back(constraint_clause(std::nullopt, name, "Member must not be null"));
      continue;
    }
    switch (rule.kind) {
      case Kind::kStructure:
        if (!value->is_object()) throw_wrong_type(rule.member, *value, "a JSON object");
        break;
      case Kind::kBoolean:
        if (!value->is_boolean()) throw_wrong_type(rule.member, *value, "a boolean");
        break;
      case Kind::kInteger:
        if (!value->is_number_integer()) throw_wrong_type(rule.member, *value, "an integer");
        add_range_clauses(*value, name, rule.min, rule.max, clauses);
        break;
      case Kind::kString:
        if (!value->is_string()) throw_wrong_type(rule.member, *value, "a string");
        check_string(value->get_ref<const std::string&>(), name, rule.min, rule.max, rule.pattern,
                     rule.enum_values, clauses);
        break;
      case Kind::kStringList: {
        if (!value->is_array()) throw_wrong_type(rule.member, *value, "a JSON array");
        std::string shown;
        for (const json& item : *value) {
          if (!item.is_string()) throw_wrong_type(rule.member, item, "a list of strings");
          shown += (shown.empty() ? "" : ", ") + item.get<std::string>();
        }
        check_count(value->size(), rule, "[" + shown + "]", clauses);
        // Items are reported with their index, as AWS names list members.
        for (size_t i = 0; i < value->size(); ++i) {
          check_string((*value)[i].get_ref<const std::string&>(),
                       name + "." + std::to_string(i + 1) + ".member", rule.item_min, rule.item_max,
                       rule.item_pattern, {}, clauses);
        }
        break;
      }
      case Kind::kStringMap: {
        if (!value->is_object()) throw_wrong_type(rule.member, *value, "a JSON object");
        check_count(value->size(), rule, value->dump(), clauses);
        for (const auto& [key, item] : value->items()) {
          if (!item.is_string()) throw_wrong_type(rule.member, item, "a map of strings");
          check_string(key, name + "." + key + ".key", rule.item_min, rule.item_max,
                       rule.item_pattern, {}, clauses);
          check_string(item.get<std::string>(), name + "." + key + ".value", std::nullopt,
                       rule.value_max, rule.value_pattern, {}, clauses);
        }
        break;
      }
    }
  }
  if (!clauses.empty()) throw ApiError(ErrorCode::kValidation, validation_errors_message(clauses));
}

}  // namespace ccemu::protocol::appflow_rest
