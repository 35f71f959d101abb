// Java regular expressions, as registry schemas write them (CloudFormation validates with Java's
// java.util.regex), matched with PCRE2 and its JIT. What the two dialects spell differently is
// translated first (java_regex.cc lists it); a pattern that still cannot be compiled is reported by
// the caller and left unenforced.
//
// Thread-safety: a JavaRegex is immutable after construction and may be searched from any thread
// at once (match data and the JIT stack are per thread).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace ccemu::schema {

// `java` in PCRE2's syntax, or nullopt with `why` set when it has no PCRE2 spelling here.
std::optional<std::string> pcre2_pattern(const std::string& java, std::string& why);

class JavaRegex {
 public:
  // The compiled pattern, or nullptr with `why` set (translation or PCRE2's compile error).
  // Memoised: registry schemas repeat the same patterns many times.
  static std::shared_ptr<const JavaRegex> compile(const std::string& java, std::string& why);

  ~JavaRegex();
  JavaRegex(const JavaRegex&) = delete;
  JavaRegex& operator=(const JavaRegex&) = delete;

  // Java's Matcher.find(): true when the pattern matches somewhere in `text` (JSON Schema's
  // "pattern" and "patternProperties" are unanchored). A match that exhausts PCRE2's limits counts
  // as no match.
  bool search(std::string_view text) const;

  const std::string& java() const { return java_; }

 private:
  JavaRegex() = default;
  std::string java_;
  void* code_ = nullptr;  // pcre2_code_8*
};

}  // namespace ccemu::schema
