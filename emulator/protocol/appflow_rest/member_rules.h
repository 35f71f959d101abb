// The request member constraints of the AppFlow operations ccemu serves, as one table in model
// order, and the check AWS's front end applies before an operation runs. Nested members of
// connectorProfileConfig are left to the resource schema (shape_mapping.h translates its errors).
//
// A unit test compares this table with botocore's AppFlow service-2.json, so drift is a red test.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <vector>

namespace ccemu::protocol::appflow_rest {

struct MemberRule {
  enum class Kind { kString, kInteger, kBoolean, kStructure, kStringList, kStringMap };
  std::string_view operation;  // "CreateConnectorProfile"
  std::string_view member;     // "connectorProfileName"; nested as "connectorProfileConfig.x"
  std::string_view shape;      // the model's shape name, e.g. "ConnectorProfileName"
  Kind kind;
  bool required = false;
  std::optional<int64_t> min{}, max{};  // string length, integer value, list or map size
  std::string_view pattern{};           // strings; matched against the whole value
  std::vector<std::string_view> enum_values{};
  // Lists: each item's length and pattern; maps: each key's.
  std::optional<int64_t> item_min{}, item_max{};
  std::string_view item_pattern{};
  // Maps: each value's.
  std::optional<int64_t> value_max{};
  std::string_view value_pattern{};
};

const std::vector<MemberRule>& member_rules();

// Checks `input` against the operation's rules. Throws ApiError kSerialization when a member has
// the wrong JSON type, and kValidation with AWS's "N validation errors detected: ..." message when
// constraints fail.
void check_members(std::string_view operation, const nlohmann::json& input);

}  // namespace ccemu::protocol::appflow_rest
