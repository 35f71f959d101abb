// Whole-string regex matching with a per-thread memory of recent answers.
//
// libstdc++'s std::regex spends tens of thousands of instructions on patterns with bounded
// repeats such as "[A-Za-z0-9]{2,64}::...", and clients send the same TypeName, region and
// account on every call, so remembered answers take most of that off each request.
#pragma once

#include <regex>
#include <string>
#include <string_view>

namespace ccemu {

// std::regex_match(value, pattern); `pattern_text` (the source of `pattern`) keys the memory.
bool cached_regex_match(const std::string& value, const std::regex& pattern,
                        std::string_view pattern_text);

}  // namespace ccemu
