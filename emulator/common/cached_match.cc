#include "common/cached_match.h"

#include <unordered_map>

namespace ccemu {

bool cached_regex_match(const std::string& value, const std::regex& pattern,
                        std::string_view pattern_text) {
  constexpr size_t kMemoLimit = 4096;
  thread_local std::unordered_map<std::string, bool> memo;
  std::string key;
  key.reserve(pattern_text.size() + 1 + value.size());
  key.append(pattern_text).append(1, '\0').append(value);
  if (auto hit = memo.find(key); hit != memo.end()) return hit->second;
  if (memo.size() >= kMemoLimit) memo.clear();
  const bool result = std::regex_match(value, pattern);
  memo.emplace(std::move(key), result);
  return result;
}

}  // namespace ccemu
