// The parameters of an awsQuery request: an application/x-www-form-urlencoded body (or a GET's
// query string), "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3A...".
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ccemu::protocol::sts_query {

using FormParameters = std::vector<std::pair<std::string, std::string>>;

// Names and values in order, percent-decoded with '+' as a space; empty pairs ("a=1&&b=2") are
// skipped. nullopt when a '%' is not followed by two hex digits.
std::optional<FormParameters> parse_form(std::string_view text);

}  // namespace ccemu::protocol::sts_query
