#include "store/stored_model.h"

#include <algorithm>
#include <cstring>

namespace ccemu::store {
namespace {

using nlohmann::json;

// Models hold only UTF-8 that the parser checked; replacing keeps a write from ever throwing.
std::string compact(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

StoredModel::StoredModel(const json& model, const std::vector<json::json_pointer>& hidden) {
  keep(compact(model), hidden);
}

StoredModel::StoredModel(std::string_view text, const std::vector<json::json_pointer>& hidden) {
  keep(text, hidden);
}

void StoredModel::keep(std::string_view text, const std::vector<json::json_pointer>& hidden) {
  size_ = static_cast<uint32_t>(text.size());
  text_ = std::make_unique_for_overwrite<char[]>(text.size());
  std::memcpy(text_.get(), text.data(), text.size());
  std::vector<TextRange> ranges = erased_member_ranges(text, hidden);
  if (ranges.empty()) return;
  first_hidden_ = ranges.front();
  more_hidden_count_ = static_cast<uint32_t>(ranges.size() - 1);
  if (more_hidden_count_ == 0) return;
  more_hidden_ = std::make_unique_for_overwrite<TextRange[]>(more_hidden_count_);
  std::copy(ranges.begin() + 1, ranges.end(), more_hidden_.get());
}

template <typename Visit>
void StoredModel::for_each_kept(Visit visit) const {
  const std::string_view text = this->text();
  size_t at = 0;
  const auto skip = [&](const TextRange& range) {
    visit(text.substr(at, range.begin - at));
    at = range.end;
  };
  if (first_hidden_.end > 0) skip(first_hidden_);
  for (uint32_t i = 0; i < more_hidden_count_; ++i) skip(more_hidden_[i]);
  visit(text.substr(at));
}

void StoredModel::append_read_view_literal(std::string& out) const {
  out += '"';
  for_each_kept([&out](std::string_view run) { append_escaped_dumped_json(out, run); });
  out += '"';
}

std::string StoredModel::read_view_text() const {
  std::string view;
  view.reserve(size_);
  for_each_kept([&view](std::string_view run) { view += run; });
  return view;
}

json StoredModel::parse() const { return json::parse(text()); }

}  // namespace ccemu::store
