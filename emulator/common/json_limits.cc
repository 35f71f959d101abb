#include "common/json_limits.h"

namespace ccemu {
namespace {

// nlohmann's message without its library prefix: "[json.exception.parse_error.101] parse error at
// line 1, column 25: syntax error while parsing value - unexpected end of input; expected ..."
// becomes "invalid JSON at line 1, column 25: unexpected end of input; expected ...".
std::string plain_message(const nlohmann::json::exception& e) {
  std::string text = e.what();
  if (text.starts_with("[json.exception.")) text.erase(0, text.find("] ") + 2);
  if (text.starts_with("parse error at ")) text.replace(0, 15, "invalid JSON at ");
  if (const size_t syntax = text.find("syntax error while parsing "); syntax != std::string::npos) {
    const size_t problem = text.find(" - ", syntax);
    if (problem != std::string::npos) text.erase(syntax, problem + 3 - syntax);
  }
  return text;
}

// Deepest bracket nesting outside string literals, counted without recursion.
int nesting_depth(std::string_view text) {
  int depth = 0, deepest = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

}  // namespace

std::optional<nlohmann::json> parse_bounded_json(std::string_view text, std::string& error,
                                                 int max_depth) {
  // nlohmann takes a NUL byte for the end of input and ignores what follows; JSON text never
  // holds a raw one (inside strings it must be escaped as \u0000).
  if (text.find('\0') != std::string_view::npos) {
    error = "JSON text holds a NUL byte";
    return std::nullopt;
  }
  if (nesting_depth(text) > max_depth) {
    error = "JSON nests deeper than " + std::to_string(max_depth) + " levels";
    return std::nullopt;
  }
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {  // parse_error; out_of_range for 1e400
    error = plain_message(e);
    return std::nullopt;
  }
}

}  // namespace ccemu
