// Registry schemas carry Java regular expressions (CloudFormation validates with Java), while
// valijson, the pattern sampler and the ListResources filters run ECMAScript std::regex. These
// turn one into the other where the two differ, and say when ECMAScript cannot express a pattern.
//
// Thread-safety: all functions may be called from any thread.
#pragma once

#include <string>

namespace ccemu::schema {

// `java` with Java-only syntax rewritten: \A -> ^, \Z and \z -> $, \x{HH} -> \xHH, and inside a
// class a '-' beside a shorthand ([\w-.]) as a literal '\-'.
std::string ecmascript_pattern(const std::string& java);

// `pattern` (already ECMAScript) with every '$' outside a class and escape made to also match
// before a final line terminator, as Java's '$' does: "ab\n" matches ^[a-z]+$ in Java.
std::string with_java_line_end(const std::string& pattern);

// True when std::regex (ECMAScript) compiles `pattern`. Memoised: registry schemas repeat the
// same patterns many times.
bool compiles_as_ecmascript(const std::string& pattern);

}  // namespace ccemu::schema
