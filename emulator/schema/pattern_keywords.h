// valijson 1.0 matches "pattern" and "patternProperties" with std::regex, which misreads Java's
// dialect (\p{L} becomes the letters p, {, L, }) and recurses per character. In the copy of a
// schema valijson checks with, both keywords are moved to keywords of ccemu's own whose
// constraints match with PCRE2 (java_regex.h), with valijson's messages and its
// additional-properties verdicts.
//
// Thread-safety: built once while a schema loads; the constraints are read-only afterwards and
// may validate from any thread at once.
#pragma once

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

namespace valijson {
class SchemaParser;
}

namespace ccemu::schema {

// Called for a pattern that cannot be enforced: the Java pattern, where it is, and why.
using PatternReport =
    std::function<void(const std::string& java, const std::string& where, const std::string& why)>;

class PatternKeywords {
 public:
  PatternKeywords();
  ~PatternKeywords();
  PatternKeywords(const PatternKeywords&) = delete;
  PatternKeywords& operator=(const PatternKeywords&) = delete;

  // Rewrites `schema` (valijson's copy) in place: "pattern" and "patternProperties" (with the
  // "additionalProperties" beside them) become ccemu's keywords. A pattern PCRE2 cannot compile is
  // reported and not enforced; as a patternProperties key it matches any key.
  void take_patterns(nlohmann::json& schema, const PatternReport& report);

  // Lets `parser` build the constraints of ccemu's keywords.
  void register_with(valijson::SchemaParser& parser);

  struct State;  // the rules and sub-schemas the constraints read (pattern_keywords.cc)

 private:
  std::shared_ptr<State> state_;
};

}  // namespace ccemu::schema
