#include "common/validation_message.h"

#include "common/text.h"

namespace ccemu {

std::string constraint_clause(const std::optional<std::string>& value, const std::string& member,
                              const std::string& constraint, bool sensitive) {
  std::string shown = !value ? "Value null" : sensitive ? "Value" : "Value '" + *value + "'";
  return shown + " at '" + member + "' failed to satisfy constraint: " + constraint;
}

void add_range_clauses(const nlohmann::json& number, const std::string& member,
                       std::optional<int64_t> min, std::optional<int64_t> max,
                       std::vector<std::string>& clauses) {
  const int64_t value = number.is_number_unsigned() && number.get<uint64_t>() > INT64_MAX
                            ? INT64_MAX
                            : number.get<int64_t>();
  if (min && value < *min) {
    clauses.push_back(constraint_clause(
        number.dump(), member,
        "Member must have value greater than or equal to " + std::to_string(*min)));
  }
  if (max && value > *max) {
    clauses.push_back(
        constraint_clause(number.dump(), member,
                          "Member must have value less than or equal to " + std::to_string(*max)));
  }
}

void add_length_clauses(const std::string& text, const std::string& member,
                        std::optional<int64_t> min, std::optional<int64_t> max, bool sensitive,
                        std::vector<std::string>& clauses) {
  const size_t length = code_points(text);
  if (min && length < static_cast<size_t>(*min)) {
    clauses.push_back(constraint_clause(
        text, member, "Member must have length greater than or equal to " + std::to_string(*min),
        sensitive));
  }
  if (max && length > static_cast<size_t>(*max)) {
    clauses.push_back(constraint_clause(
        text, member, "Member must have length less than or equal to " + std::to_string(*max),
        sensitive));
  }
}

std::string validation_errors_message(const std::vector<std::string>& clauses) {
  std::string message =
      std::to_string(clauses.size()) +
      (clauses.size() == 1 ? " validation error detected: " : " validation errors detected: ");
  for (size_t i = 0; i < clauses.size(); ++i) message += (i ? "; " : "") + clauses[i];
  return message;
}

}  // namespace ccemu
