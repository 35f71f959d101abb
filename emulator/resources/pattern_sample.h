// Makes a string that a schema `pattern` accepts, for read-only values ccemu must generate.
#pragma once

#include <optional>
#include <string>

#include "common/id_generator.h"

namespace ccemu::resources {

// A string matching `pattern` (ECMAScript syntax, searched as JSON Schema does) whose length is
// within [min_length, max_length], with random characters drawn from `ids`. Handles literals,
// escapes, character classes, groups, alternation and quantifiers; nullopt for anything else
// (lookarounds, backreferences) or when no such string results.
std::optional<std::string> sample_matching(const std::string& pattern, size_t min_length,
                                           size_t max_length, IdGenerator& ids);

}  // namespace ccemu::resources
