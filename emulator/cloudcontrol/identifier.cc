#include "cloudcontrol/identifier.h"

#include "common/api_error.h"
#include "common/json_limits.h"

namespace ccemu::cloudcontrol {
namespace {

std::string part_text(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::string property_list(const schema::ResourceSchema& schema) {
  std::string out;
  for (const auto& pointer : schema.primary_identifier()) {
    out += (out.empty() ? "" : ", ") + pointer.back();
  }
  return "[" + out + "]";
}

[[noreturn]] void refuse(const schema::ResourceSchema& schema, const std::string& given) {
  throw ApiError(ErrorCode::kInvalidRequest,
                 "Identifier '" + given + "' is not a valid identifier for type '" +
                     schema.type_name() + "': give the primary identifier " +
                     property_list(schema) +
                     " as plain text (values joined by '|') or as a JSON object.");
}

}  // namespace

std::string identifier_of(const schema::ResourceSchema& schema, const nlohmann::json& model) {
  std::string out;
  bool first = true;
  for (const auto& pointer : schema.primary_identifier()) {
    if (!model.contains(pointer)) return "";
    out += (first ? "" : "|") + part_text(model.at(pointer));
    first = false;
  }
  return out;
}

std::string canonical_identifier(const schema::ResourceSchema& schema, const std::string& given) {
  const auto& keys = schema.primary_identifier();
  if (given.starts_with("{")) {
    std::string error;
    auto parsed = parse_bounded_json(given, error);
    if (parsed && parsed->is_object()) {
      if (parsed->size() != keys.size()) refuse(schema, given);
      std::string out;
      for (size_t i = 0; i < keys.size(); ++i) {
        auto value = parsed->find(keys[i].back());
        if (value == parsed->end() || value->is_structured() || value->is_null())
          refuse(schema, given);
        out += (i ? "|" : "") + part_text(*value);
      }
      return out;
    }
  }
  if (keys.size() > 1 &&
      static_cast<size_t>(std::count(given.begin(), given.end(), '|')) != keys.size() - 1) {
    refuse(schema, given);
  }
  return given;
}

}  // namespace ccemu::cloudcontrol
