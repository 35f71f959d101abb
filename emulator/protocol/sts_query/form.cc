#include "protocol/sts_query/form.h"

#include "common/text.h"

namespace ccemu::protocol::sts_query {

std::optional<FormParameters> parse_form(std::string_view text) {
  FormParameters parameters;
  for (size_t from = 0; from < text.size();) {
    size_t end = text.find('&', from);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view pair = text.substr(from, end - from);
    from = end + 1;
    if (pair.empty()) continue;
    const size_t equals = pair.find('=');
    auto name = percent_decode_strict(pair.substr(0, equals), true);
    auto value = percent_decode_strict(
        equals == std::string_view::npos ? "" : pair.substr(equals + 1), true);
    if (!name || !value) return std::nullopt;
    parameters.emplace_back(std::move(*name), std::move(*value));
  }
  return parameters;
}

}  // namespace ccemu::protocol::sts_query
