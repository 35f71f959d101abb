// Registry schemas carry Java regular expressions (CloudFormation validates with Java); validation
// matches them with PCRE2 (java_regex.h), but the pattern sampler that makes read-only values reads
// ECMAScript. This turns one into the other where the two differ.
//
// Thread-safety: all functions may be called from any thread.
#pragma once

#include <string>

namespace ccemu::schema {

// `java` with Java-only syntax rewritten: \A -> ^, \Z and \z -> $, \x{HH} -> \xHH, inline flags
// ((?i)) dropped, and inside a class a '-' beside a shorthand ([\w-.]) as a literal '\-'.
std::string ecmascript_pattern(const std::string& java);

}  // namespace ccemu::schema
