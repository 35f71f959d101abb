// The member constraints of the STS operations ccemu serves (botocore sts 2011-06-15), as one
// table in model order, and the check STS applies before an operation runs. Constraint messages
// name members in camelCase ("Value null at 'roleArn' failed to satisfy constraint: Member must
// not be null"), each member's pattern clause before its length clause, as STS writes them.
//
// tests/integration/test_sts_model.py sends a violation of every constraint of botocore's model
// and checks the answer, so drift between this table and the model is a red test.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <vector>

namespace ccemu::protocol::sts_query {

struct MemberRule {
  enum class Kind { kString, kInteger };
  std::string_view operation;  // "AssumeRole"
  std::string_view member;     // "RoleArn"
  Kind kind = Kind::kString;
  bool required = false;
  std::optional<int64_t> min{}, max{};  // length for strings, value for integers
  // The model's pattern, always one character class repeated: "[\w+=,.@-]*"; empty when none.
  std::string_view pattern{};
  bool sensitive = false;  // value not echoed in messages
};

const std::vector<MemberRule>& member_rules();

// Checks the request parameters `input` (a JSON object of strings) against the operation's
// rules. Throws ApiError kValidation with STS's "N validation errors detected: ..." message.
void check_members(std::string_view operation, const nlohmann::json& input);

// The integer value of a checked integer member, if present.
std::optional<int64_t> integer_member(const nlohmann::json& input, std::string_view member);

}  // namespace ccemu::protocol::sts_query
