#include "common/text.h"

namespace ccemu {

size_t code_points(std::string_view text) {
  size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

std::string escape_pointer_token(std::string_view token) {
  std::string out;
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes into `out`; false at the first '%' not followed by two hex digits when `strict` (that '%'
// stays as it is otherwise).
bool decode_percent(std::string_view text, bool plus_is_space, bool strict, std::string& out) {
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const bool escape = text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
                        hex_value(text[i + 2]) >= 0;
    if (plus_is_space && text[i] == '+') {
      out += ' ';
    } else if (escape) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else if (strict && text[i] == '%') {
      return false;
    } else {
      out += text[i];
    }
  }
  return true;
}

}  // namespace

std::string percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  decode_percent(text, plus_is_space, false, out);
  return out;
}

std::optional<std::string> percent_decode_strict(std::string_view text, bool plus_is_space) {
  std::string out;
  if (!decode_percent(text, plus_is_space, true, out)) return std::nullopt;
  return out;
}

std::string truncate_utf8(const std::string& text, size_t limit) {
  if (text.size() <= limit) return text;
  size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

}  // namespace ccemu
