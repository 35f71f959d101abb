// Guards applied to client JSON before nlohmann parses it: nlohmann parses deep nesting fine but
// recurses when dumping, copying or validating it (design.md "Dependency facts").
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace ccemu {

// Deepest nesting of arrays and objects accepted in any client document.
inline constexpr int kMaxJsonDepth = 64;

// Parses `text` as JSON. Returns nullopt and sets `error` when it is not JSON (including a raw
// NUL byte anywhere, and numbers beyond a double such as 1e400) or nests deeper than `max_depth`
// (documents that wrap client models, such as state dumps, need a few levels more).
std::optional<nlohmann::json> parse_bounded_json(std::string_view text, std::string& error,
                                                 int max_depth = kMaxJsonDepth);

}  // namespace ccemu
