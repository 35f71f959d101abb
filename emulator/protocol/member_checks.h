// What the two protocols' member checks share (cloudcontrol_json/member_rules.h,
// appflow_rest/member_rules.h): finding a member, refusing a value of the wrong JSON type, and
// listing an enum's values as AWS writes them.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace ccemu::protocol {

// The member at a dotted path ("ResourceModel.Name") of a request body; nullptr when it is
// absent or null.
const nlohmann::json* member_at(const nlohmann::json& body, std::string_view path);

// Throws ApiError kSerialization: "Member 'NAME' must be EXPECTED, found a JSON TYPE."
[[noreturn]] void throw_wrong_type(std::string_view member, const nlohmann::json& value,
                                   const char* expected);

// An enum's values as AWS lists them in a constraint: "[A, B, C]".
std::string enum_list(const std::vector<std::string_view>& values);

}  // namespace ccemu::protocol
