#include "common/validation_message.h"

namespace ccemu {

std::string constraint_clause(const std::optional<std::string>& value, const std::string& member,
                              const std::string& constraint, bool sensitive) {
  std::string shown = !value ? "Value null" : sensitive ? "Value" : "Value '" + *value + "'";
  return shown + " at '" + member + "' failed to satisfy constraint: " + constraint;
}

std::string validation_errors_message(const std::vector<std::string>& clauses) {
  std::string message =
      std::to_string(clauses.size()) +
      (clauses.size() == 1 ? " validation error detected: " : " validation errors detected: ");
  for (size_t i = 0; i < clauses.size(); ++i) message += (i ? "; " : "") + clauses[i];
  return message;
}

}  // namespace ccemu
