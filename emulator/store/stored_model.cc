#include "store/stored_model.h"

#include "common/json_text.h"

namespace ccemu::store {
namespace {

using nlohmann::json;

// Models hold only UTF-8 that the parser checked; replacing keeps a write from ever throwing.
std::string compact(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

StoredModel::StoredModel(const json& model, const json& read_view) {
  const std::string text = compact(model);
  std::string literal;
  append_dumped_json_as_string(literal, compact(read_view));
  texts_.reserve(text.size() + literal.size());
  texts_ += text;
  texts_ += literal;
  text_size_ = text.size();
}

std::string StoredModel::read_view_text() const {
  return json::parse(read_view_literal()).get<std::string>();
}

json StoredModel::parse() const { return json::parse(text()); }

}  // namespace ccemu::store
