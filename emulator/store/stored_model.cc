#include "store/stored_model.h"

namespace ccemu::store {
namespace {

using nlohmann::json;

// Models hold only UTF-8 that the parser checked; replacing keeps a write from ever throwing.
std::string compact(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

StoredModel::StoredModel(const json& model, const std::vector<json::json_pointer>& hidden)
    : text_(compact(model)) {
  std::vector<TextRange> ranges = erased_member_ranges(text_, hidden);
  if (ranges.empty()) return;
  first_hidden_ = ranges.front();
  more_hidden_.assign(ranges.begin() + 1, ranges.end());
}

StoredModel::StoredModel(std::string text, const std::vector<json::json_pointer>& hidden)
    : text_(std::move(text)) {
  std::vector<TextRange> ranges = erased_member_ranges(text_, hidden);
  if (ranges.empty()) return;
  first_hidden_ = ranges.front();
  more_hidden_.assign(ranges.begin() + 1, ranges.end());
}

template <typename Visit>
void StoredModel::for_each_kept(Visit visit) const {
  const std::string_view text = text_;
  size_t at = 0;
  const auto skip = [&](const TextRange& range) {
    visit(text.substr(at, range.begin - at));
    at = range.end;
  };
  if (first_hidden_.end > 0) skip(first_hidden_);
  for (const TextRange& range : more_hidden_) skip(range);
  visit(text.substr(at));
}

void StoredModel::append_read_view_literal(std::string& out) const {
  out += '"';
  for_each_kept([&out](std::string_view run) { append_escaped_dumped_json(out, run); });
  out += '"';
}

std::string StoredModel::read_view_text() const {
  std::string view;
  view.reserve(text_.size());
  for_each_kept([&view](std::string_view run) { view += run; });
  return view;
}

json StoredModel::parse() const { return json::parse(text_); }

}  // namespace ccemu::store
