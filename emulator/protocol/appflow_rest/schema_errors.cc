#include "protocol/appflow_rest/schema_errors.h"

#include <vector>

#include "common/validation_message.h"
#include "protocol/appflow_rest/shape_mapping.h"

namespace ccemu::protocol::appflow_rest {
namespace {

using nlohmann::json;

// Replaces every string value under `sent` that `text` quotes with "***".
void hide_value(const json* sent, std::string& text) {
  if (sent == nullptr) return;
  if (sent->is_structured()) {
    for (const json& item : *sent) hide_value(&item, text);
    return;
  }
  if (!sent->is_string() || sent->get_ref<const std::string&>().empty()) return;
  const std::string& value = sent->get_ref<const std::string&>();
  for (size_t at = text.find(value); at != std::string::npos; at = text.find(value, at + 3)) {
    text.replace(at, value.size(), "***");
  }
}

}  // namespace

ApiError in_api_terms(const ApiError& error, const json& input) {
  if (error.code() != ErrorCode::kValidation) return error;
  std::string text = error.message();
  const std::string prefix = "Model validation failed (";
  if (!text.starts_with(prefix) || !text.ends_with(")")) return error;
  text = text.substr(prefix.size(), text.size() - prefix.size() - 1);
  std::vector<std::string> clauses;
  size_t from = 0;
  while (from <= text.size()) {
    size_t end = text.find('\n', from);
    std::string line = text.substr(from, end == std::string::npos ? end : end - from);
    from = end == std::string::npos ? text.size() + 1 : end + 1;
    if (line.empty()) continue;
    const size_t colon = line.find(": ");
    if (!line.starts_with("#/") || colon == std::string::npos) {
      clauses.push_back(line);
      continue;
    }
    std::string member, parent;
    const json* sent = &input;
    for (size_t at = 2; at <= colon;) {
      size_t slash = line.find('/', at);
      if (slash == std::string::npos || slash > colon) slash = colon;
      const std::string segment = line.substr(at, slash - at);
      const std::string api = api_name(parent, segment);
      member += (member.empty() ? "" : ".") + api;
      sent = sent != nullptr && sent->is_object() && sent->contains(api) ? &(*sent)[api] : nullptr;
      parent = segment;
      at = slash + 1;
    }
    std::string constraint = line.substr(colon + 2);
    if (member.starts_with("connectorProfileConfig.connectorProfileCredentials")) {
      hide_value(sent, constraint);
    }
    clauses.push_back("Value at '" + member + "' failed to satisfy constraint: " + constraint);
  }
  return ApiError(ErrorCode::kValidation, validation_errors_message(clauses));
}

}  // namespace ccemu::protocol::appflow_rest
