// The request member constraints of the eight operations (spec §2), as one table in model order,
// and the check AWS's front end applies before an operation runs.
//
// A unit test compares this table with botocore's service-2.json, so drift is a red test.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ccemu::protocol::cloudcontrol_json {

struct MemberRule {
  enum class Kind { kString, kInteger, kStringList, kStructure };
  std::string_view operation;  // "CreateResource"
  std::string_view
      member;              // "TypeName"; nested members as "ResourceRequestStatusFilter.Operations"
  std::string_view shape;  // the model's shape name, e.g. "HandlerNextToken"
  Kind kind;
  bool required = false;
  std::optional<int64_t> min, max;
  std::string_view pattern;                   // Java-style, whole value; empty when none
  std::vector<std::string_view> enum_values;  // for lists of enum strings
  bool sensitive = false;                     // value not echoed in messages
};

const std::vector<MemberRule>& member_rules();

// Checks `body` against the operation's rules. Throws ApiError kSerialization when a member has
// the wrong JSON type, and kValidation with AWS's "N validation errors detected: ..." message when
// constraints fail.
void check_members(std::string_view operation, const nlohmann::json& body);

}  // namespace ccemu::protocol::cloudcontrol_json
