// The message form AWS JSON services use for request member constraints:
//   "2 validation errors detected: Value 'x' at 'typeName' failed to satisfy constraint: ...; ..."
// Shared by the protocol's member checks and by service rules that AWS APIs report the same way.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace ccemu {

// One clause. `value` is the offending value as text (nullopt for a missing member, which AWS
// writes as "Value null"); `sensitive` hides it as AWS does for sensitive members.
std::string constraint_clause(const std::optional<std::string>& value, const std::string& member,
                              const std::string& constraint, bool sensitive = false);

// The clauses of an integer member outside [min, max] (JSON numbers beyond int64 count as above
// any maximum), appended to `clauses`.
void add_range_clauses(const nlohmann::json& number, const std::string& member,
                       std::optional<int64_t> min, std::optional<int64_t> max,
                       std::vector<std::string>& clauses);

// The clauses of a string member whose length in code points is outside [min, max].
void add_length_clauses(const std::string& text, const std::string& member,
                        std::optional<int64_t> min, std::optional<int64_t> max, bool sensitive,
                        std::vector<std::string>& clauses);

// Joins clauses under AWS's "N validation error(s) detected: " header.
std::string validation_errors_message(const std::vector<std::string>& clauses);

}  // namespace ccemu
