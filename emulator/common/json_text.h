// Helpers that write JSON text directly, for answers assembled from stored text
// (store/stored_model.h) instead of serialized from a tree. What they write is byte for byte what
// nlohmann's dump() writes for the same values (compact, ensure_ascii off).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ccemu {

// Appends `value` as a JSON string literal (quoted and escaped).
void append_json_string(std::string& out, std::string_view value);

// The text of the value of the top-level member `name` of `object`, a JSON object as dump()
// writes it; nullopt when there is no such member. Lets a model be inspected without parsing it.
std::optional<std::string_view> member_text(std::string_view object, std::string_view name);

// One member of a JSON object as dump() writes it: its name, unescaped, and its value's text.
struct MemberText {
  std::string name;
  std::string_view value;
};

// The members of `object`, a JSON object as dump() writes it, in order (empty for another value).
// Lets a model be read without parsing it.
std::vector<MemberText> object_members(std::string_view object);

// Appends `text`, compact JSON as dump() writes it (or a run of such text), escaped as the inside
// of a JSON string literal: between quotes, what dumping json(text) writes. Such text holds no raw
// control characters and only valid UTF-8, so quotes and backslashes are all there is to escape.
void append_escaped_dumped_json(std::string& out, std::string_view text);

// Appends a copy of `text`, compact JSON as dump() writes it, in which the value at each of
// `pointers` that exists is replaced by `replacement` (JSON text): what dumping the tree after
// `if (tree.contains(p)) tree[p] = replacement` for each pointer gives; in addition a "*" token
// names every item of an array, as registry schemas write write-only pointers
// ("/Rules/*/Secret"). A pointer below another one is covered by it.
void append_with_values_replaced(std::string& out, std::string_view text,
                                 const std::vector<nlohmann::json::json_pointer>& pointers,
                                 std::string_view replacement);

// A run of bytes in a text: [begin, end).
struct TextRange {
  uint32_t begin;
  uint32_t end;
};

// The byte ranges of `text`, compact JSON as dump() writes it, whose removal leaves the text of
// the tree with the members at `pointers` erased: what dumping the tree after erasing each one
// that exists gives. A "*" token names every item of an array; only object members are erased.
// The ranges are disjoint and in order; commas go with them so what is left is valid JSON.
std::vector<TextRange> erased_member_ranges(
    std::string_view text, const std::vector<nlohmann::json::json_pointer>& pointers);

}  // namespace ccemu
