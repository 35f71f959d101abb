#include "cloudcontrol/model.h"

#include "common/api_error.h"
#include "common/json_limits.h"

namespace ccemu::cloudcontrol {

json parse_model(const std::string& text) {
  std::string error;
  auto model = parse_bounded_json(text, error);
  if (!model) {
    throw ApiError(ErrorCode::kValidation,
                   "Model validation failed (#: DesiredState is not valid JSON: " + error + ")");
  }
  if (!model->is_object()) {
    throw ApiError(ErrorCode::kValidation,
                   std::string("Model validation failed (#: expected type: JSONObject, found: ") +
                       model->type_name() + ")");
  }
  return std::move(*model);
}

void strip_nulls(json& model) {
  if (model.is_object()) {
    for (auto it = model.begin(); it != model.end();) {
      if (it->is_null()) {
        it = model.erase(it);
      } else {
        strip_nulls(*it);
        ++it;
      }
    }
  } else if (model.is_array()) {
    for (json& item : model) strip_nulls(item);
  }
}

void validate_model(const schema::ResourceSchema& schema, const json& model) {
  auto clauses = schema.validate(model);
  if (clauses.empty()) return;
  std::string joined;
  for (const auto& clause : clauses) joined += (joined.empty() ? "" : "\n") + clause;
  throw ApiError(ErrorCode::kValidation, "Model validation failed (" + joined + ")");
}

namespace {

// Removes what `tokens[at..]` names below `node`; a "*" token names every item of an array
// (registry schemas write "/properties/Rules/*/Transition").
void erase_path(json& node, const std::vector<std::string>& tokens, size_t at) {
  if (at + 1 == tokens.size()) {
    if (node.is_object()) node.erase(tokens[at]);
    return;
  }
  if (tokens[at] == "*" && node.is_array()) {
    for (json& item : node) erase_path(item, tokens, at + 1);
  } else if (node.is_object()) {
    if (auto child = node.find(tokens[at]); child != node.end()) erase_path(*child, tokens, at + 1);
  }
}

}  // namespace

json read_view(const schema::ResourceSchema& schema, const json& model) {
  json view = model;
  for (const auto& pointer : schema.write_only()) {
    std::vector<std::string> tokens;
    for (json::json_pointer rest = pointer; !rest.empty(); rest = rest.parent_pointer()) {
      tokens.insert(tokens.begin(), rest.back());
    }
    if (!tokens.empty()) erase_path(view, tokens, 0);
  }
  return view;
}

store::ModelRef stored_model(const schema::ResourceSchema& schema, const json& model) {
  return std::make_shared<const store::StoredModel>(model, schema.write_only());
}

std::vector<std::string> changed_properties(const std::vector<json::json_pointer>& pointers,
                                            const json& before, const json& after) {
  std::vector<std::string> changed;
  for (const auto& pointer : pointers) {
    bool had = before.contains(pointer), has = after.contains(pointer);
    if (had != has || (had && before.at(pointer) != after.at(pointer))) {
      changed.push_back("/properties" + pointer.to_string());
    }
  }
  return changed;
}

}  // namespace ccemu::cloudcontrol
