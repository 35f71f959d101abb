#include "schema/java_pattern.h"

#include <algorithm>
#include <cctype>

namespace ccemu::schema {
namespace {

bool is_shorthand(char c) { return std::string_view("wWdDsS").find(c) != std::string_view::npos; }

}  // namespace

std::string ecmascript_pattern(const std::string& java) {
  std::string out;
  bool in_class = false;
  bool after_shorthand = false;  // the previous class member was \w, \d, \s...
  for (size_t i = 0; i < java.size(); ++i) {
    const char c = java[i];
    if (c == '\\' && i + 1 < java.size()) {
      const char next = java[i + 1];
      if (!in_class && next == 'A') {
        out += '^';
      } else if (!in_class && (next == 'Z' || next == 'z')) {
        out += '$';
      } else if (next == 'x' && i + 2 < java.size() && java[i + 2] == '{') {
        const size_t close = java.find('}', i + 3);
        const std::string hex = close == std::string::npos ? "" : java.substr(i + 3, close - i - 3);
        if (hex.size() >= 1 && hex.size() <= 2 &&
            std::all_of(hex.begin(), hex.end(), [](char h) { return std::isxdigit(h); })) {
          out += "\\x" + std::string(2 - hex.size(), '0') + hex;
          i = close;
          after_shorthand = false;
          continue;
        }
        out.append(java, i, 2);
      } else {
        out.append(java, i, 2);
      }
      after_shorthand = in_class && is_shorthand(next);
      ++i;
      continue;
    }
    if (in_class && c == '-' && i + 1 < java.size() && java[i + 1] != ']' &&
        (after_shorthand ||
         (java[i + 1] == '\\' && i + 2 < java.size() && is_shorthand(java[i + 2])))) {
      out += "\\-";
      after_shorthand = false;
      continue;
    }
    // Inline flags such as (?i) have no ECMAScript spelling; the sampler does without them (its
    // samples are checked with the Java pattern afterwards).
    if (!in_class && c == '(' && i + 2 < java.size() && java[i + 1] == '?') {
      size_t end = i + 2;
      while (end < java.size() &&
             std::string_view("idmsuxU-").find(java[end]) != std::string_view::npos)
        ++end;
      if (end > i + 2 && end < java.size() && java[end] == ')') {
        i = end;
        continue;
      }
    }
    if (c == '[' && !in_class) {
      in_class = true;
      out += c;
      if (i + 1 < java.size() && java[i + 1] == '^') out += java[++i];
      if (i + 1 < java.size() && java[i + 1] == ']') out += java[++i];  // a literal ']' first
    } else {
      if (c == ']' && in_class) in_class = false;
      out += c;
    }
    after_shorthand = false;
  }
  return out;
}

}  // namespace ccemu::schema
