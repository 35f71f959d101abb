#include "schema/java_regex.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <cctype>
#include <map>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace ccemu::schema {
namespace {

// What Java and PCRE2 spell differently, and how it is translated:
//  - \p{Alpha}, \p{Punct}, ... (POSIX classes, ASCII in Java) -> [[:alpha:]], [:punct:] in a class;
//  - \p{javaLowerCase}, \p{javaUpperCase}, \p{javaLetter}, \p{javaDigit}, ... -> \p{Ll}, \p{Lu},
//  ...;
//  - \p{IsLatin}, \p{IsL}, \p{gc=L} -> \p{Latin}, \p{L}; \pL -> \p{L};
//  - \uXXXX (UTF-16 code units, surrogate pairs combined) -> \x{XXXXX};
//  - [a-z&&[^b]] intersections -> (?:(?=[^b])[a-z]); [a-c[x-z]] unions -> (?:[a-c]|[x-z]);
//  - a '-' beside \w, \d, \s in a class ([\w-.]) is a literal '-' in Java;
//  - the inline flags u, d and U (UNICODE_CASE, UNIX_LINES, UNICODE_CHARACTER_CLASS) have no PCRE2
//    letter and are dropped.
// Same in both, so left as written: \A, \Z, \z, $ (end or before a final line terminator; PCRE2
// is told Java's line terminators), possessive quantifiers, atomic groups, \x{...}, \Q...\E,
// lookaround, named groups, ASCII \w \d \s \b (PCRE2 without UCP, as Java by default).
struct Translation {
  std::string out;
  std::string why;  // set on failure
};

const std::map<std::string, std::string>& posix_classes() {
  static const std::map<std::string, std::string> kClasses = {
      {"Lower", "lower"}, {"Upper", "upper"}, {"ASCII", "ascii"}, {"Alpha", "alpha"},
      {"Digit", "digit"}, {"Alnum", "alnum"}, {"Punct", "punct"}, {"Graph", "graph"},
      {"Print", "print"}, {"Blank", "blank"}, {"Cntrl", "cntrl"}, {"XDigit", "xdigit"},
      {"Space", "space"}};
  return kClasses;
}

// Java's java.lang.Character classes, as class members.
const std::map<std::string, std::string>& java_classes() {
  static const std::map<std::string, std::string> kClasses = {
      {"javaLowerCase", "\\p{Ll}"},
      {"javaUpperCase", "\\p{Lu}"},
      {"javaTitleCase", "\\p{Lt}"},
      {"javaLetter", "\\p{L}"},
      {"javaDigit", "\\p{Nd}"},
      {"javaLetterOrDigit", "\\p{L}\\p{Nd}"},
      {"javaAlphabetic", "\\p{Alphabetic}"},
      {"javaSpaceChar", "\\p{Z}"},
      {"javaWhitespace",
       "\\t-\\r\\x{1C}-\\x{1F}\\p{Zl}\\p{Zp}\\x{20}\\x{1680}\\x{2000}-\\x{2006}"
       "\\x{2008}-\\x{200A}\\x{205F}\\x{3000}"}};
  return kClasses;
}

bool is_shorthand(char c) {
  return std::string_view("wWdDsShHvV").find(c) != std::string_view::npos;
}

std::string hex(unsigned value) {
  static const char* kDigits = "0123456789ABCDEF";
  std::string out;
  do {
    out.insert(out.begin(), kDigits[value % 16]);
    value /= 16;
  } while (value);
  return "\\x{" + out + "}";
}

class Translator {
 public:
  explicit Translator(const std::string& java) : p_(java) {}

  Translation run() {
    Translation t;
    try {
      while (i_ < p_.size()) t.out += outside();
    } catch (const std::string& why) {
      t.why = why;
    }
    return t;
  }

 private:
  const std::string& p_;
  size_t i_ = 0;

  [[noreturn]] static void fail(const std::string& why) { throw why; }

  // A \p or \P after the backslash (i_ at 'p'/'P'): {members, negated, is_single_property}.
  struct Property {
    std::string members;  // class members text
    bool negated;
    bool posix;
  };

  Property property() {
    const bool negated = p_[i_] == 'P';
    ++i_;
    std::string name;
    if (i_ < p_.size() && p_[i_] == '{') {
      const size_t close = p_.find('}', i_);
      if (close == std::string::npos) fail("unclosed \\p{");
      name = p_.substr(i_ + 1, close - i_ - 1);
      i_ = close + 1;
    } else if (i_ < p_.size()) {
      name = std::string(1, p_[i_++]);
    } else {
      fail("\\p at the end");
    }
    if (auto posix = posix_classes().find(name); posix != posix_classes().end()) {
      return {"[:" + std::string(negated ? "^" : "") + posix->second + ":]", false, true};
    }
    if (auto java = java_classes().find(name); java != java_classes().end()) {
      const std::string& members = java->second;
      if (negated && members.find('\\', 1) == std::string::npos) {
        return {"\\P" + members.substr(2), false, false};  // \p{Ll} -> \P{Ll}
      }
      return {members, negated, false};
    }
    for (const char* prefix : {"general_category=", "gc=", "script=", "sc=", "Is"}) {
      if (name.starts_with(prefix)) {
        name.erase(0, std::string(prefix).size());
        break;
      }
    }
    if (name.starts_with("In") || name.starts_with("block=") || name.starts_with("blk=")) {
      fail("Unicode block \\p{" + name + "}: PCRE2 has no blocks");
    }
    return {std::string(negated ? "\\P{" : "\\p{") + name + "}", false, false};
  }

  // True when four hex digits at `at` name a UTF-16 surrogate code unit.
  bool surrogate_at(size_t at) const {
    if (at + 4 > p_.size()) return false;
    for (size_t k = at; k < at + 4; ++k)
      if (!std::isxdigit(static_cast<unsigned char>(p_[k]))) return false;
    const int unit = std::stoi(p_.substr(at, 4), nullptr, 16);
    return unit >= 0xD800 && unit <= 0xDFFF;
  }

  // True when a \uHIGH\uLOW pair starts at `at` (a backslash) and is not the start of a range.
  bool surrogate_pair_at(size_t at) const {
    if (at + 12 > p_.size() || p_.compare(at + 6, 2, "\\u") != 0) return false;
    const int high = std::stoi(p_.substr(at + 2, 4), nullptr, 16);
    if (high < 0xD800 || high > 0xDBFF || !surrogate_at(at + 8)) return false;
    const int low = std::stoi(p_.substr(at + 8, 4), nullptr, 16);
    return low >= 0xDC00 && (at + 12 >= p_.size() || p_[at + 12] != '-');
  }

  // \uXXXX (i_ at 'u'), with a following low surrogate combined.
  std::string utf16() {
    auto unit = [&](size_t at) -> int {
      if (at + 4 > p_.size()) return -1;
      for (size_t k = at; k < at + 4; ++k)
        if (!std::isxdigit(static_cast<unsigned char>(p_[k]))) return -1;
      return std::stoi(p_.substr(at, 4), nullptr, 16);
    };
    const int high = unit(i_ + 1);
    if (high < 0) fail("\\u needs four hex digits");
    i_ += 5;
    if (high >= 0xD800 && high <= 0xDBFF) {
      const int low =
          (i_ + 1 < p_.size() && p_[i_] == '\\' && p_[i_ + 1] == 'u') ? unit(i_ + 2) : -1;
      if (low < 0xDC00 || low > 0xDFFF) fail("a lone UTF-16 surrogate \\u" + p_.substr(i_ - 4, 4));
      i_ += 6;
      return hex(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00));
    }
    if (high >= 0xDC00 && high <= 0xDFFF) fail("a lone UTF-16 surrogate");
    return hex(static_cast<unsigned>(high));
  }

  // One token outside a class.
  std::string outside() {
    const char c = p_[i_];
    if (c == '\\') {
      if (i_ + 1 >= p_.size()) fail("a trailing backslash");
      const char n = p_[i_ + 1];
      if (n == 'p' || n == 'P') {
        ++i_;
        Property prop = property();
        if (prop.posix || prop.negated || prop.members.find('\\', 1) != std::string::npos ||
            prop.members.find('-') != std::string::npos) {
          return std::string(prop.negated ? "[^" : "[") + prop.members + "]";
        }
        return prop.members;
      }
      if (n == 'u') {
        ++i_;
        return utf16();
      }
      if (n == 'Q') {
        const size_t end = p_.find("\\E", i_ + 2);
        const size_t stop = end == std::string::npos ? p_.size() : end + 2;
        std::string quoted = p_.substr(i_, stop - i_);
        i_ = stop;
        return quoted;
      }
      i_ += 2;
      return p_.substr(i_ - 2, 2);
    }
    if (c == '[') return character_class();
    if (c == '(' && i_ + 1 < p_.size() && p_[i_ + 1] == '?') return flags();
    ++i_;
    return std::string(1, c);
  }

  // "(?" then inline flags: Java's u, d and U have no PCRE2 letter.
  std::string flags() {
    size_t j = i_ + 2;
    std::string letters;
    while (j < p_.size() && std::string_view("idmsuxU-").find(p_[j]) != std::string_view::npos) {
      letters += p_[j++];
    }
    if (letters.empty() || j >= p_.size() || (p_[j] != ')' && p_[j] != ':')) {
      i_ += 2;
      return "(?";
    }
    std::string kept;
    for (char f : letters)
      if (f != 'u' && f != 'd' && f != 'U') kept += f;
    const char end = p_[j];
    i_ = j + 1;
    if (end == ')' && (kept.empty() || kept == "-")) return "";
    if (kept == "-") kept.clear();
    return "(?" + kept + end;
  }

  // A Java class from its '[' (i_), as one PCRE2 item: a class, or a group for unions and
  // intersections.
  std::string character_class() {
    ++i_;
    const bool negated = i_ < p_.size() && p_[i_] == '^';
    if (negated) ++i_;
    std::vector<std::string> operands;  // intersected
    std::string members;
    std::vector<std::string> unions;  // nested classes of the current operand
    bool after_shorthand = false;
    bool first = true;
    auto finish_operand = [&]() {
      std::string expression;
      if (unions.empty()) {
        if (members.empty()) fail("an empty class operand");
        expression = "[" + members + "]";
      } else {
        std::string alternatives;
        if (!members.empty()) alternatives = "[" + members + "]";
        for (const auto& u : unions) alternatives += (alternatives.empty() ? "" : "|") + u;
        expression = unions.size() == 1 && members.empty() ? unions[0] : "(?:" + alternatives + ")";
      }
      operands.push_back(expression);
      members.clear();
      unions.clear();
    };
    while (true) {
      if (i_ >= p_.size()) fail("an unclosed class");
      const char c = p_[i_];
      if (c == ']' && !first) {
        ++i_;
        break;
      }
      if (c == ']') {  // a literal ']' first, as ECMAScript-era schemas write it
        members += "\\]";
        ++i_;
      } else if (c == '[') {
        unions.push_back(character_class());
        after_shorthand = false;
      } else if (c == '&' && i_ + 1 < p_.size() && p_[i_ + 1] == '&') {
        i_ += 2;
        finish_operand();
        after_shorthand = false;
      } else if (c == '\\') {
        if (i_ + 1 >= p_.size()) fail("a trailing backslash");
        const char n = p_[i_ + 1];
        after_shorthand = false;
        if (n == 'p' || n == 'P') {
          ++i_;
          Property prop = property();
          if (prop.negated)
            fail("a negated \\P{" + prop.members + "} of several ranges in a class");
          members += prop.members;
          after_shorthand = true;  // [\p{Z}-_]: Java reads the '-' as a literal
        } else if (n == 'u' && surrogate_at(i_ + 2) && !surrogate_pair_at(i_)) {
          // Java classes hold UTF-16 code units: a class of surrogates (lone, or ranges of them)
          // accepts the supplementary characters they make up.
          i_ += 6;
          if (i_ + 7 < p_.size() && p_[i_] == '-' && p_[i_ + 1] == '\\' && p_[i_ + 2] == 'u' &&
              surrogate_at(i_ + 3))
            i_ += 7;
          if (members.find("\\x{10000}-\\x{10FFFF}") == std::string::npos)
            members += "\\x{10000}-\\x{10FFFF}";
        } else if (n == 'u') {
          ++i_;
          members += utf16();
        } else if (n == 'Q') {
          const size_t end = p_.find("\\E", i_ + 2);
          const size_t stop = end == std::string::npos ? p_.size() : end;
          for (size_t k = i_ + 2; k < stop; ++k) {
            if (std::isalnum(static_cast<unsigned char>(p_[k])) ||
                static_cast<unsigned char>(p_[k]) >= 0x80)
              members += p_[k];
            else
              members += std::string("\\") + p_[k];
          }
          i_ = end == std::string::npos ? p_.size() : end + 2;
        } else {
          members += p_.substr(i_, 2);
          after_shorthand = is_shorthand(n);
          i_ += 2;
        }
      } else if (c == '-' && i_ + 1 < p_.size() && p_[i_ + 1] != ']' &&
                 (after_shorthand || members.empty() ||
                  (p_[i_ + 1] == '\\' && i_ + 2 < p_.size() && is_shorthand(p_[i_ + 2])))) {
        members += "\\-";
        ++i_;
        after_shorthand = false;
      } else {
        members += c;
        ++i_;
        after_shorthand = false;
      }
      first = false;
    }
    finish_operand();
    if (negated) {
      const std::string& head = operands[0];
      if (!head.starts_with("[") || head.starts_with("[[")) fail("a negated union");
      operands[0] = "[^" + head.substr(1);
    }
    if (operands.size() == 1) return operands[0];
    std::string out = "(?:";
    for (size_t k = 1; k < operands.size(); ++k) out += "(?=" + operands[k] + ")";
    return out + operands[0] + ")";
  }
};

// Per-thread match state: match data for one match, and a JIT stack that lets a pattern with
// nested repeats run over the longest string a model may hold.
struct MatchState {
  pcre2_match_data* data = pcre2_match_data_create(1, nullptr);
  pcre2_match_context* context = pcre2_match_context_create(nullptr);
  pcre2_jit_stack* stack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, nullptr);
  MatchState() {
    pcre2_jit_stack_assign(context, nullptr, stack);
    pcre2_set_match_limit(context, 10'000'000);
    pcre2_set_depth_limit(context, 10'000'000);
    pcre2_set_heap_limit(context, 256 * 1024);  // KiB: the interpreter's backtracking frames
  }
  ~MatchState() {
    pcre2_jit_stack_free(stack);
    pcre2_match_context_free(context);
    pcre2_match_data_free(data);
  }
};

}  // namespace

std::optional<std::string> pcre2_pattern(const std::string& java, std::string& why) {
  Translation t = Translator(java).run();
  if (!t.why.empty()) {
    why = t.why;
    return std::nullopt;
  }
  return t.out;
}

std::shared_ptr<const JavaRegex> JavaRegex::compile(const std::string& java, std::string& why) {
  static std::mutex mu;
  // Guarded by mu: every pattern seen, compiled or with the reason it is not.
  static std::unordered_map<std::string, std::pair<std::shared_ptr<const JavaRegex>, std::string>>
      known;
  {
    std::lock_guard lock(mu);
    if (auto it = known.find(java); it != known.end()) {
      why = it->second.second;
      return it->second.first;
    }
  }
  std::shared_ptr<JavaRegex> regex;
  why.clear();
  if (auto translated = pcre2_pattern(java, why)) {
    pcre2_compile_context* context = pcre2_compile_context_create(nullptr);
    // Java's line terminators: \n, \r\n, \r, \u0085, \u2028, \u2029 (for $, \Z and '.').
    pcre2_set_newline(context, PCRE2_NEWLINE_ANY);
    int error = 0;
    PCRE2_SIZE offset = 0;
    pcre2_code* code =
        pcre2_compile(reinterpret_cast<PCRE2_SPTR>(translated->data()), translated->size(),
                      PCRE2_UTF | PCRE2_NEVER_BACKSLASH_C, &error, &offset, context);
    pcre2_compile_context_free(context);
    if (code == nullptr) {
      PCRE2_UCHAR message[256];
      pcre2_get_error_message(error, message, sizeof message);
      why = std::string(reinterpret_cast<const char*>(message)) + " (at offset " +
            std::to_string(offset) + " of " + *translated + ")";
    } else {
      pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);  // without JIT it is interpreted: slower only
      regex.reset(new JavaRegex());
      regex->java_ = java;
      regex->code_ = code;
    }
  }
  std::lock_guard lock(mu);
  known.emplace(java, std::make_pair(regex, why));
  return regex;
}

JavaRegex::~JavaRegex() { pcre2_code_free(static_cast<pcre2_code*>(code_)); }

bool JavaRegex::search(std::string_view text) const {
  thread_local MatchState state;
  const auto* code = static_cast<pcre2_code*>(code_);
  const auto* subject = reinterpret_cast<PCRE2_SPTR>(text.data());
  int result = pcre2_match(code, subject, text.size(), 0, 0, state.data, state.context);
  // A repeat over a very long string can outgrow the JIT stack; the interpreter keeps its
  // backtracking on the heap instead.
  if (result == PCRE2_ERROR_JIT_STACKLIMIT) {
    result = pcre2_match(code, subject, text.size(), 0, PCRE2_NO_JIT, state.data, state.context);
  }
  return result >= 0;
}

}  // namespace ccemu::schema
