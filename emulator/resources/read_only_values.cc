#include "resources/read_only_values.h"

#include <cctype>
#include <chrono>
#include <cmath>
#include <regex>
#include <vector>

#include "common/clock.h"
#include "common/text.h"
#include "resources/pattern_sample.h"
#include "resources/recipe_values.h"

namespace ccemu::resources {
namespace {

using nlohmann::json;

// Deep enough for every registry schema; bounds recursive definitions.
constexpr int kMaxDepth = 24;

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

}  // namespace

bool satisfies_schema(const json& value, const json& schema) {
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
      return true;  // a pattern ECMAScript cannot compile is not enforced either
    }
  }
  return true;
}

namespace {

bool satisfies(const json& value, const json& schema) { return satisfies_schema(value, schema); }

// Names of properties that hold the owner's AWS account id (CodeArtifact's Owner, DomainOwner).
bool names_an_account(const std::string& name) {
  return name == "Owner" || name.ends_with("Owner") || name.ends_with("AccountId") ||
         name == "AwsAccountId" || name == "OwnerId" || name == "Account";
}

std::string rfc3339(int64_t ms) {
  return rfc3339_ms(std::chrono::system_clock::time_point(std::chrono::milliseconds(ms)));
}

std::optional<std::string> formatted(const std::string& format, const GenerationContext& ctx) {
  if (format == "date-time") return rfc3339(ctx.now_ms);
  if (format == "date") return rfc3339(ctx.now_ms).substr(0, 10);
  if (format == "time") return rfc3339(ctx.now_ms).substr(11);
  if (format == "uri" || format == "url" || format == "uri-reference" || format == "iri") {
    return "https://example.com/" + ctx.ids.uuid();
  }
  if (format == "email" || format == "idn-email") return "user@example.com";
  if (format == "ipv4") return "10.0.0.1";
  if (format == "ipv6") return "fd00::1";
  if (format == "hostname" || format == "idn-hostname") return "host.example.com";
  if (format == "uuid") return ctx.ids.uuid();
  return std::nullopt;
}

// A pattern-built ARN ("arn:awsq-x:svc:r3gion:418230960217:...") with the partition, region and
// account made the caller's wherever the pattern still accepts them.
std::string with_caller_in_arn(const std::string& sample, const json& schema,
                               const GenerationContext& ctx) {
  if (!sample.starts_with("arn:")) return sample;
  std::vector<std::string> parts;
  for (size_t from = 0;;) {
    const size_t colon = sample.find(':', from);
    parts.push_back(sample.substr(from, colon == std::string::npos ? colon : colon - from));
    if (colon == std::string::npos) break;
    from = colon + 1;
  }
  if (parts.size() < 6) return sample;
  const auto joined = [](const std::vector<std::string>& pieces) {
    std::string text;
    for (size_t i = 0; i < pieces.size(); ++i) text += (i ? ":" : "") + pieces[i];
    return text;
  };
  for (const auto& [index, value] :
       {std::pair<size_t, std::string>{1, "aws"}, {3, ctx.region}, {4, ctx.account}}) {
    std::vector<std::string> changed = parts;
    changed[index] = value;
    if (satisfies(joined(changed), schema)) parts = std::move(changed);
  }
  return joined(parts);
}

std::optional<json> string_value(const std::string& name, const json& schema,
                                 const GenerationContext& ctx) {
  const auto parts = type_parts(ctx.type_name);
  const std::string service = parts.size() > 1 ? parts[1] : "service";
  const std::string resource = parts.size() > 2 ? parts[2] : "resource";
  std::vector<std::string> candidates;
  if (names_an_account(name)) candidates.push_back(ctx.account);
  if (auto format = schema.find("format"); format != schema.end() && format->is_string()) {
    if (auto value = formatted(format->get<std::string>(), ctx)) candidates.push_back(*value);
  }
  if (name.ends_with("Arn")) {
    candidates.push_back("arn:" + partition_of(ctx.region) + ":" + service + ":" + ctx.region +
                         ":" + ctx.account + ":" + resource + "/" + ctx.ids.uuid());
  } else if (name.ends_with("Url")) {
    candidates.push_back("https://" + service + "." + ctx.region + ".amazonaws.com/" + ctx.account +
                         "/" + ctx.ids.uuid());
  }
  const size_t min_length = schema.value("minLength", size_t{1});
  const size_t max_length = schema.value("maxLength", size_t{1} << 20);
  if (auto pattern = schema.find("pattern"); pattern != schema.end() && pattern->is_string()) {
    if (auto sample =
            sample_matching(pattern->get<std::string>(), min_length, max_length, ctx.ids)) {
      candidates.push_back(with_caller_in_arn(*sample, schema, ctx));
    }
  }
  std::string uuid = ctx.ids.uuid();
  candidates.push_back(uuid);
  // A bare string of the bounded length, for patternless strings a UUID does not fit.
  if (min_length > uuid.size() || max_length < uuid.size()) {
    const size_t length = std::max<size_t>(min_length, std::min<size_t>(max_length, 12));
    std::string text;
    while (text.size() < length) text += uuid;
    text.resize(length);
    candidates.push_back(text);
  }
  for (const auto& candidate : candidates) {
    if (satisfies(candidate, schema)) return candidate;
  }
  return std::nullopt;
}

json number_value(const json& schema, bool integer) {
  double low = -1e15, high = 1e15;
  if (auto min = schema.find("minimum"); min != schema.end() && min->is_number()) {
    low = min->get<double>();
  }
  if (auto min = schema.find("exclusiveMinimum"); min != schema.end() && min->is_number()) {
    low = min->get<double>() + (integer ? 1 : 0.5);
  }
  if (auto max = schema.find("maximum"); max != schema.end() && max->is_number()) {
    high = max->get<double>();
  }
  if (auto max = schema.find("exclusiveMaximum"); max != schema.end() && max->is_number()) {
    high = max->get<double>() - (integer ? 1 : 0.5);
  }
  double value = std::clamp(1.0, low, std::max(low, high));
  if (integer) {
    value = std::ceil(value);
    return json(static_cast<int64_t>(value));
  }
  return json(value);
}

std::optional<json> generate(const std::string& name, const json& given,
                             const GenerationContext& ctx, const SchemaResolver& resolve,
                             int depth);

// A combiner branch together with the schema around it: the branch's keywords win, required
// lists add up, and a property both describe gets both descriptions merged.
json merge_schemas(const json& outer, const json& branch_given, const SchemaResolver& resolve,
                   int depth = 0) {
  const json& branch = resolve ? resolve(branch_given) : branch_given;
  json merged = resolve ? resolve(outer) : outer;
  if (!merged.is_object() || !branch.is_object() || depth > kMaxDepth) {
    return branch.is_object() ? branch : merged;
  }
  for (const auto& [key, value] : branch.items()) {
    if (key == "required" && merged.contains(key) && merged[key].is_array() && value.is_array()) {
      for (const auto& member : value) merged[key].push_back(member);
    } else if (key == "properties" && merged.contains(key) && merged[key].is_object() &&
               value.is_object()) {
      for (const auto& [property, schema] : value.items()) {
        merged[key][property] =
            merged[key].contains(property)
                ? merge_schemas(merged[key][property], schema, resolve, depth + 1)
                : schema;
      }
    } else {
      merged[key] = value;
    }
  }
  return merged;
}

std::optional<json> object_value(const json& schema, const GenerationContext& ctx,
                                 const SchemaResolver& resolve, int depth) {
  json object = json::object();
  const json properties = schema.value("properties", json::object());
  if (auto required = schema.find("required"); required != schema.end() && required->is_array()) {
    for (const auto& member : *required) {
      if (!member.is_string()) continue;
      const std::string key = member.get<std::string>();
      if (!properties.contains(key)) continue;
      auto value = generate(key, properties[key], ctx, resolve, depth + 1);
      if (!value) return std::nullopt;
      object[key] = std::move(*value);
    }
  }
  // minProperties asks for more than the required members: optional ones in schema order, then
  // keys a patternProperties pattern or additionalProperties allows.
  const size_t wanted = schema.value("minProperties", size_t{0});
  for (auto it = properties.begin(); it != properties.end() && object.size() < wanted; ++it) {
    if (object.contains(it.key())) continue;
    if (auto value = generate(it.key(), it.value(), ctx, resolve, depth + 1)) {
      object[it.key()] = std::move(*value);
    }
  }
  const json patterns = schema.value("patternProperties", json::object());
  for (auto it = patterns.begin(); it != patterns.end() && object.size() < wanted; ++it) {
    auto key = sample_matching(it.key(), 1, 128, ctx.ids);
    auto value = key ? generate(*key, it.value(), ctx, resolve, depth + 1) : std::nullopt;
    if (value) object[*key] = std::move(*value);
  }
  const json additional = schema.value("additionalProperties", json(true));
  for (size_t n = 1; object.size() < wanted && !additional.is_boolean() && n <= wanted; ++n) {
    const std::string key = "Key" + std::to_string(n);
    if (auto value = generate(key, additional, ctx, resolve, depth + 1)) object[key] = *value;
  }
  if (additional == json(true) && patterns.empty()) {
    for (size_t n = 1; object.size() < wanted; ++n) object["Key" + std::to_string(n)] = "value";
  }
  return object;
}

std::optional<json> array_value(const std::string& name, const json& schema,
                                const GenerationContext& ctx, const SchemaResolver& resolve,
                                int depth) {
  json array = json::array();
  const size_t wanted = schema.value("minItems", size_t{0});
  const json items = schema.value("items", json::object());
  const bool unique = schema.value("uniqueItems", false);
  // Items come from random draws; uniqueItems retries a draw that repeats an earlier item.
  for (size_t attempt = 0; array.size() < wanted && attempt < wanted * 4; ++attempt) {
    auto value = generate(name, items, ctx, resolve, depth + 1);
    if (!value) return std::nullopt;
    if (unique && value->is_object()) {
      // Minimal objects are often alike: tell them apart by optional members.
      const json item_schema = resolve ? resolve(items) : items;
      const json members = item_schema.value("properties", json::object());
      for (auto it = members.begin();
           it != members.end() && std::find(array.begin(), array.end(), *value) != array.end();
           ++it) {
        if (value->contains(it.key())) continue;
        if (auto member = generate(it.key(), it.value(), ctx, resolve, depth + 2)) {
          (*value)[it.key()] = std::move(*member);
        }
      }
    }
    if (unique && std::find(array.begin(), array.end(), *value) != array.end()) continue;
    array.push_back(std::move(*value));
  }
  if (array.size() < wanted) return std::nullopt;
  return array;
}

std::string first_type(const json& schema) {
  auto type = schema.find("type");
  if (type == schema.end()) {
    if (schema.contains("properties") || schema.contains("required")) return "object";
    if (schema.contains("items")) return "array";
    return "string";
  }
  if (type->is_string()) return type->get<std::string>();
  if (type->is_array() && !type->empty() && type->front().is_string()) {
    return type->front().get<std::string>();
  }
  return "string";
}

std::optional<json> generate(const std::string& name, const json& given,
                             const GenerationContext& ctx, const SchemaResolver& resolve,
                             int depth) {
  if (depth > kMaxDepth) return std::nullopt;
  const json& schema = resolve ? resolve(given) : given;
  if (!schema.is_object()) return std::nullopt;
  if (auto constant = schema.find("const"); constant != schema.end()) return *constant;
  if (auto values = schema.find("enum");
      values != schema.end() && values->is_array() && !values->empty()) {
    return values->front();
  }
  for (const char* combiner : {"oneOf", "anyOf", "allOf"}) {
    auto branches = schema.find(combiner);
    if (branches == schema.end() || !branches->is_array()) continue;
    json rest = schema;
    rest.erase(combiner);
    for (const auto& branch : *branches) {
      const json merged = merge_schemas(rest, branch, resolve);
      auto value = generate(name, merged, ctx, resolve, depth + 1);
      if (!value) continue;
      // An empty object would satisfy every oneOf branch alike: give it this branch's first member.
      const json members = merged.value("properties", json::object());
      if (std::string_view(combiner) == "oneOf" && value->is_object() && value->empty() &&
          !members.empty()) {
        if (auto member =
                generate(members.begin().key(), members.begin().value(), ctx, resolve, depth + 1)) {
          (*value)[members.begin().key()] = std::move(*member);
        }
      }
      return value;
    }
  }
  const std::string type = first_type(schema);
  if (type == "integer" || type == "number") return number_value(schema, type == "integer");
  if (type == "boolean") return false;
  if (type == "object") return object_value(schema, ctx, resolve, depth);
  if (type == "array") return array_value(name, schema, ctx, resolve, depth);
  if (type == "null") return json(nullptr);
  return string_value(name, schema, ctx);
}

}  // namespace

std::optional<json> generate_name(const std::string& name, const json& given,
                                  const GenerationContext& ctx, const SchemaResolver& resolve) {
  const json& schema = resolve ? resolve(given) : given;
  if (schema.is_object() && first_type(schema) == "string" && !schema.contains("enum")) {
    std::string resource = ctx.type_name.substr(ctx.type_name.rfind(':') + 1);
    std::string candidate =
        resource + "-" + ctx.ids.from_alphabet("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 12);
    const size_t max_length = schema.value("maxLength", size_t{1} << 20);
    if (candidate.size() > max_length) candidate = candidate.substr(candidate.size() - max_length);
    // Lower case first: most services' names allow it, and many consumers' patterns ask for it.
    for (const auto& text : {lower(candidate), candidate}) {
      if (satisfies(text, schema)) return json(text);
    }
  }
  return generate(name, given, ctx, resolve, 0);
}

std::optional<json> generate_read_only_value(const std::string& name, const json& schema,
                                             const GenerationContext& ctx,
                                             const SchemaResolver& resolve) {
  return generate(name, schema, ctx, resolve, 0);
}

}  // namespace ccemu::resources
