#include "resources/read_only_values.h"

#include <cctype>
#include <regex>
#include <vector>

#include "common/text.h"
#include "resources/pattern_sample.h"

namespace ccemu::resources {
namespace {

using nlohmann::json;

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// "AWS::Logs::LogGroup" -> {"aws", "logs", "loggroup"}.
std::vector<std::string> type_parts(const std::string& type_name) {
  std::vector<std::string> parts;
  for (size_t from = 0;;) {
    size_t sep = type_name.find("::", from);
    parts.push_back(lower(type_name.substr(from, sep == std::string::npos ? sep : sep - from)));
    if (sep == std::string::npos) return parts;
    from = sep + 2;
  }
}

bool satisfies(const json& value, const json& schema) {
  if (auto values = schema.find("enum"); values != schema.end() && values->is_array()) {
    return std::find(values->begin(), values->end(), value) != values->end();
  }
  if (!value.is_string()) return true;
  const std::string& text = value.get_ref<const std::string&>();
  const size_t length = code_points(text);
  if (length < schema.value("minLength", size_t{0})) return false;
  if (schema.contains("maxLength") && length > schema.value("maxLength", size_t{0})) return false;
  if (auto pattern = schema.find("pattern"); pattern != schema.end() && pattern->is_string()) {
    try {
      return std::regex_search(text, std::regex(pattern->get<std::string>()));
    } catch (const std::regex_error&) {
      return false;
    }
  }
  return true;
}

bool ends_with(const std::string& name, const char* suffix) { return name.ends_with(suffix); }

}  // namespace

std::optional<json> generate_read_only_value(const std::string& name, const json& schema,
                                             const GenerationContext& ctx) {
  if (auto values = schema.find("enum");
      values != schema.end() && values->is_array() && !values->empty()) {
    return values->front();
  }
  const std::string type = schema.contains("type") && schema["type"].is_string()
                               ? schema["type"].get<std::string>()
                               : "string";
  if (type == "integer" || type == "number") {
    return schema.contains("minimum") ? schema["minimum"] : json(1);
  }
  if (type == "boolean") return false;
  if (type != "string") return std::nullopt;

  const auto parts = type_parts(ctx.type_name);
  const std::string service = parts.size() > 1 ? parts[1] : "service";
  const std::string resource = parts.size() > 2 ? parts[2] : "resource";
  std::vector<std::string> candidates;
  if (ends_with(name, "Arn")) {
    candidates.push_back("arn:aws:" + service + ":" + ctx.region + ":" + ctx.account + ":" +
                         resource + "/" + ctx.ids.uuid());
  } else if (ends_with(name, "Url")) {
    candidates.push_back("https://" + service + "." + ctx.region + ".amazonaws.com/" + ctx.account +
                         "/" + ctx.ids.uuid());
  }
  const size_t min_length = schema.value("minLength", size_t{1});
  const size_t max_length = schema.value("maxLength", size_t{1} << 20);
  if (auto pattern = schema.find("pattern"); pattern != schema.end() && pattern->is_string()) {
    if (auto sample =
            sample_matching(pattern->get<std::string>(), min_length, max_length, ctx.ids)) {
      candidates.push_back(*sample);
    }
  }
  candidates.push_back(ctx.ids.uuid());
  for (const auto& candidate : candidates) {
    if (satisfies(candidate, schema)) return candidate;
  }
  return std::nullopt;
}

}  // namespace ccemu::resources
