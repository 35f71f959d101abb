// Small text helpers shared by the layers that measure or address client JSON.
#pragma once

#include <string>
#include <string_view>

namespace ccemu {

// Length in Unicode code points of UTF-8 text, as JSON Schema and AWS count string length.
size_t code_points(std::string_view text);

// A reference token escaped for a JSON pointer (RFC 6901): "~" -> "~0", "/" -> "~1".
std::string escape_pointer_token(std::string_view token);

}  // namespace ccemu
