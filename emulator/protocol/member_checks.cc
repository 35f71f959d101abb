#include "protocol/member_checks.h"

#include "common/api_error.h"

namespace ccemu::protocol {

const nlohmann::json* member_at(const nlohmann::json& body, std::string_view path) {
  const nlohmann::json* node = &body;
  size_t start = 0;
  while (true) {
    const size_t dot = path.find('.', start);
    const std::string key(path.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (!node->is_object()) return nullptr;
    auto it = node->find(key);
    if (it == node->end() || it->is_null()) return nullptr;
    node = &*it;
    if (dot == std::string_view::npos) return node;
    start = dot + 1;
  }
}

void throw_wrong_type(std::string_view member, const nlohmann::json& value, const char* expected) {
  throw ApiError(ErrorCode::kSerialization, "Member '" + std::string(member) + "' must be " +
                                                expected + ", found a JSON " + value.type_name() +
                                                ".");
}

std::string enum_list(const std::vector<std::string_view>& values) {
  std::string out;
  for (auto v : values) out += (out.empty() ? "" : ", ") + std::string(v);
  return "[" + out + "]";
}

}  // namespace ccemu::protocol
