// Small text helpers shared by the layers that measure or address client JSON.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ccemu {

// Length in Unicode code points of UTF-8 text, as JSON Schema and AWS count string length.
size_t code_points(std::string_view text);

// A reference token escaped for a JSON pointer (RFC 6901): "~" -> "~0", "/" -> "~1".
std::string escape_pointer_token(std::string_view token);

// %XX as the byte (RFC 3986); '+' as a space when `plus_is_space` (form encoding, as query strings
// are sent). A '%' not followed by two hex digits stays.
std::string percent_decode(std::string_view text, bool plus_is_space);
// As percent_decode, but nullopt when a '%' is not followed by two hex digits: for parsers that
// refuse such text (awsQuery forms).
std::optional<std::string> percent_decode_strict(std::string_view text, bool plus_is_space);

// `text` cut to at most `limit` bytes at a UTF-8 character boundary.
std::string truncate_utf8(const std::string& text, size_t limit);

}  // namespace ccemu
