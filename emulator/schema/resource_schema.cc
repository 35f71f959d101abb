#include "schema/resource_schema.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <unordered_map>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include "common/text.h"
#include "schema/java_regex.h"
#include "schema/pattern_keywords.h"

namespace ccemu::schema {
namespace {

using valijson::adapters::NlohmannJsonAdapter;

constexpr std::string_view kPropertiesPrefix = "/properties";

// Schema nesting deeper than this is not walked by the length guard; it is a schema, not a model,
// so the bound is only a safety net against self-referencing $refs.
constexpr int kMaxSchemaWalkDepth = 64;

// Longest object key looked at; longer keys name nothing in a schema (see precheck()).
constexpr size_t kMaxKeyLength = 1024;

// Removes "uniqueItems" keywords. valijson checks them by comparing every pair of items, which
// takes seconds on a long array; precheck() checks them instead.
void drop_unique_items(json& node) {
  if (node.is_array()) {
    for (json& child : node) drop_unique_items(child);
  } else if (node.is_object()) {
    if (node.contains("uniqueItems") && node["uniqueItems"].is_boolean()) node.erase("uniqueItems");
    for (auto& [key, child] : node.items()) drop_unique_items(child);
  }
}

// Registry schemas carry Java regular expressions (java_regex.h). A pattern PCRE2 cannot compile
// is reported and left unenforced rather than failing every request.
void report_unsupported(const std::filesystem::path& file, const std::string& pattern,
                        const std::string& where, const std::string& why) {
  std::fprintf(stderr,
               "ccemu: %s: pattern %s at %s is not supported here and is not enforced: %s\n",
               file.string().c_str(), pattern.c_str(), where.c_str(), why.c_str());
}

// JSON Schema applies "format" to strings only, but valijson 1.0 reads any value as a string for
// it and throws on an array or object; in the copy valijson checks with, a format applies only
// under "if": {"type": "string"}.
void guard_formats(json& node) {
  if (node.is_array()) {
    for (json& child : node) guard_formats(child);
    return;
  }
  if (!node.is_object()) return;
  for (auto& [key, child] : node.items()) {
    if (key != "enum" && key != "const" && key != "default" && key != "examples") {
      guard_formats(child);
    }
  }
  if (auto format = node.find("format"); format != node.end() && format->is_string()) {
    json guarded = {{"if", {{"type", "string"}}}, {"then", {{"format", *format}}}};
    node.erase("format");
    if (!node.contains("allOf") || !node["allOf"].is_array()) node["allOf"] = json::array();
    node["allOf"].push_back(std::move(guarded));
  }
}

void collect_property_patterns(const json& node,
                               std::unordered_map<std::string, const JavaRegex*>& out) {
  if (node.is_array()) {
    for (const json& child : node) collect_property_patterns(child, out);
  } else if (node.is_object()) {
    if (auto patterns = node.find("patternProperties");
        patterns != node.end() && patterns->is_object()) {
      for (const auto& [pattern, _] : patterns->items()) {
        std::string why;
        out.try_emplace(pattern, JavaRegex::compile(pattern, why).get());
      }
    }
    for (const auto& [key, child] : node.items()) collect_property_patterns(child, out);
  }
}

std::vector<json::json_pointer> role_list(const json& document, const char* key,
                                          const std::filesystem::path& file) {
  std::vector<json::json_pointer> pointers;
  if (!document.contains(key)) return pointers;
  if (!document[key].is_array())
    throw SchemaLoadError(file.string() + ": " + key + " is not a list");
  for (const json& entry : document[key]) {
    if (!entry.is_string() || !entry.get<std::string>().starts_with(kPropertiesPrefix)) {
      throw SchemaLoadError(file.string() + ": " + key + " holds " + entry.dump() +
                            ", which is not a /properties/... pointer");
    }
    pointers.emplace_back(entry.get<std::string>().substr(kPropertiesPrefix.size()));
  }
  return pointers;
}

// Adds "additionalProperties": false to every object schema that lists properties and says nothing
// about other keys, as the handler wrapper's strict deserializer behaves (reference §4, §6).
// A oneOf/anyOf/allOf branch only adds constraints to the schema around it ("AccountGrouping
// requires LinkedAccountIds"), so neither it nor the property overlays inside it get the rule.
void forbid_unknown_keys(json& node, bool partial = false) {
  if (node.is_array()) {
    for (json& child : node) forbid_unknown_keys(child, partial);
    return;
  }
  if (!node.is_object()) return;
  if (!partial && node.contains("properties") && node["properties"].is_object() &&
      !node.contains("additionalProperties") && !node.contains("patternProperties")) {
    node["additionalProperties"] = false;
  }
  for (auto& [key, child] : node.items()) {
    if (key == "oneOf" || key == "anyOf" || key == "allOf") {
      forbid_unknown_keys(child, true);
    } else if (key == "properties" && partial && child.is_object()) {
      for (auto& [name, property] : child.items()) forbid_unknown_keys(property, true);
    } else if (key != "enum" && key != "const" && key != "default" && key != "examples") {
      forbid_unknown_keys(child);
    }
  }
}

std::string pointer_text(const std::vector<std::string>& path) {
  std::string out = "#";
  for (const auto& segment : path) out += "/" + escape_pointer_token(segment);
  return out;
}

// valijson's context is {"<root>", "[A]", "[0]", ...}.
std::vector<std::string> context_path(const std::vector<std::string>& context) {
  std::vector<std::string> path;
  for (size_t i = 1; i < context.size(); ++i) {
    const std::string& segment = context[i];
    path.push_back(segment.size() >= 2 ? segment.substr(1, segment.size() - 2) : segment);
  }
  return path;
}

std::string type_label(const json& value) {
  switch (value.type()) {
    case json::value_t::string:
      return "String";
    case json::value_t::boolean:
      return "Boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return "Integer";
    case json::value_t::number_float:
      return "Number";
    case json::value_t::array:
      return "JSONArray";
    case json::value_t::object:
      return "JSONObject";
    default:
      return "Null";
  }
}

std::string schema_type_label(const json& type) {
  static const std::unordered_map<std::string, std::string> kLabels = {
      {"string", "String"},   {"integer", "Integer"}, {"number", "Number"},
      {"boolean", "Boolean"}, {"array", "JSONArray"}, {"object", "JSONObject"}};
  auto label = [](const json& t) {
    auto it = t.is_string() ? kLabels.find(t.get<std::string>()) : kLabels.end();
    return it == kLabels.end() ? t.dump() : it->second;
  };
  if (!type.is_array()) return label(type);
  std::string out;
  for (const json& t : type) out += (out.empty() ? "" : "|") + label(t);
  return out;
}

std::string value_text(const json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::string quoted_name(const std::string& description) {
  auto last = description.rfind('\'');
  auto first = last == std::string::npos ? last : description.rfind('\'', last - 1);
  return first == std::string::npos ? description : description.substr(first + 1, last - first - 1);
}

bool starts_with(const std::string& text, std::string_view prefix) {
  return text.starts_with(prefix);
}

}  // namespace

ResourceSchema::~ResourceSchema() = default;

std::shared_ptr<const ResourceSchema> ResourceSchema::load(const std::filesystem::path& file,
                                                           Strictness strictness) {
  std::ifstream in(file);
  if (!in) throw SchemaLoadError(file.string() + ": cannot be read");
  std::shared_ptr<ResourceSchema> schema(new ResourceSchema());
  try {
    schema->document_ = json::parse(in);
  } catch (const json::parse_error& e) {
    throw SchemaLoadError(file.string() + ": not valid JSON: " + e.what());
  }
  const json& doc = schema->document_;
  if (!doc.is_object() || !doc.contains("typeName") || !doc["typeName"].is_string()) {
    throw SchemaLoadError(file.string() + ": no typeName");
  }
  schema->type_name_ = doc["typeName"].get<std::string>();
  schema->primary_identifier_ = role_list(doc, "primaryIdentifier", file);
  if (schema->primary_identifier_.empty()) {
    throw SchemaLoadError(file.string() + ": no primaryIdentifier");
  }
  schema->read_only_ = role_list(doc, "readOnlyProperties", file);
  schema->write_only_ = role_list(doc, "writeOnlyProperties", file);
  schema->create_only_ = role_list(doc, "createOnlyProperties", file);
  if (doc.contains("handlers") && doc["handlers"].is_object()) {
    schema->declares_handlers_ = true;
    for (const auto& [name, _] : doc["handlers"].items()) schema->handlers_.insert(name);
    const json required = doc["handlers"]
                              .value("list", json::object())
                              .value("handlerSchema", json::object())
                              .value("required", json::array());
    for (const json& property : required) {
      if (property.is_string()) schema->list_required_.push_back(property.get<std::string>());
    }
  }
  if (doc.contains("tagging") && doc["tagging"].is_object() &&
      doc["tagging"].value("taggable", true) == false) {
    std::string property = doc["tagging"].value("tagProperty", "/properties/Tags");
    schema->refused_tag_property_ = property.starts_with("/properties/")
                                        ? property.substr(std::string("/properties/").size())
                                        : property;
  }

  json validated = doc;
  if (strictness == Strictness::kWrapper) forbid_unknown_keys(validated);
  drop_unique_items(validated);
  guard_formats(validated);
  collect_property_patterns(doc, schema->pattern_properties_);
  schema->patterns_ = std::make_unique<PatternKeywords>();
  schema->patterns_->take_patterns(
      validated, [&](const std::string& java, const std::string& where, const std::string& why) {
        report_unsupported(file, java, where, why);
      });
  schema->compiled_ = std::make_unique<valijson::Schema>();
  try {
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    schema->patterns_->register_with(parser);
    parser.populateSchema(NlohmannJsonAdapter(validated), *schema->compiled_);
  } catch (const std::exception& e) {
    throw SchemaLoadError(file.string() + ": not a usable JSON schema: " + e.what());
  }
  return schema;
}

const json* ResourceSchema::property_schema(const json::json_pointer& pointer) const {
  std::vector<std::string> path;
  for (json::json_pointer cursor = pointer; !cursor.empty(); cursor = cursor.parent_pointer()) {
    path.insert(path.begin(), cursor.back());
  }
  return subschema_at(path);
}

const json& ResourceSchema::resolve(const json& node) const {
  const json* current = &node;
  for (int hops = 0;
       hops < kMaxSchemaWalkDepth && current->is_object() && current->contains("$ref"); ++hops) {
    const json& ref = (*current)["$ref"];
    if (!ref.is_string() || !starts_with(ref.get<std::string>(), "#")) break;
    json::json_pointer target(ref.get<std::string>().substr(1));
    if (!document_.contains(target)) break;
    current = &document_.at(target);
  }
  return *current;
}

const json* ResourceSchema::member_schema(const json& node, const std::string& key) const {
  if (auto properties = node.find("properties");
      properties != node.end() && properties->is_object() && properties->contains(key)) {
    return &resolve((*properties)[key]);
  }
  if (auto patterns = node.find("patternProperties");
      patterns != node.end() && patterns->is_object() && key.size() <= kMaxKeyLength) {
    for (const auto& [pattern, schema] : patterns->items()) {
      // A pattern PCRE2 cannot compile matches any key, as it does in validation.
      auto compiled = pattern_properties_.find(pattern);
      if (compiled != pattern_properties_.end() &&
          (compiled->second == nullptr || compiled->second->search(key))) {
        return &resolve(schema);
      }
    }
  }
  if (auto additional = node.find("additionalProperties");
      additional != node.end() && additional->is_object()) {
    return &resolve(*additional);
  }
  return nullptr;
}

const json* ResourceSchema::subschema_at(const std::vector<std::string>& path) const {
  const json* node = &resolve(document_);
  for (const std::string& segment : path) {
    const json* next = member_schema(*node, segment);
    if (next == nullptr && node->contains("items") && (*node)["items"].is_object()) {
      next = &resolve((*node)["items"]);
    }
    if (next == nullptr) return nullptr;
    node = next;
  }
  return node;
}

void ResourceSchema::precheck(const json& value, const json& schema_node,
                              const std::string& pointer, Prechecked& clauses, int depth) const {
  if (depth > kMaxSchemaWalkDepth) return;
  const json& node = resolve(schema_node);
  if (!node.is_object()) return;
  if (value.is_string()) {
    auto max = node.find("maxLength");
    if (max != node.end() && max->is_number_unsigned()) {
      size_t length = code_points(value.get_ref<const std::string&>());
      if (length > max->get<size_t>()) {
        clauses.blocking.push_back(pointer +
                                   ": expected maxLength: " + std::to_string(max->get<size_t>()) +
                                   ", actual: " + std::to_string(length));
      }
    }
  } else if (value.is_object()) {
    for (const auto& [key, child] : value.items()) {
      if (code_points(key) > kMaxKeyLength) {
        // No schema names such a key; its pattern checks are spared it too.
        clauses.blocking.push_back(pointer + ": extraneous key [" + key.substr(0, 64) +
                                   "...] is not permitted");
        continue;
      }
      if (const json* child_schema = member_schema(node, key)) {
        precheck(child, *child_schema, pointer + "/" + escape_pointer_token(key), clauses,
                 depth + 1);
      }
    }
  } else if (value.is_array()) {
    if (node.value("uniqueItems", false)) {
      // Checked here in O(n log n); valijson compares every pair (see load()).
      std::set<json> seen;
      for (const json& item : value) {
        if (!seen.insert(item).second) {
          clauses.other.push_back(pointer + ": array items are not unique");
          break;
        }
      }
    }
    auto items = node.find("items");
    if (items != node.end() && items->is_object()) {
      for (size_t i = 0; i < value.size(); ++i) {
        precheck(value[i], *items, pointer + "/" + std::to_string(i), clauses, depth + 1);
      }
    }
  }
}

std::string ResourceSchema::describe(const std::vector<std::string>& path,
                                     const std::string& description, const json& model) const {
  const std::string where = pointer_text(path);
  const json* value = nullptr;
  {
    const json* cursor = &model;
    for (const std::string& segment : path) {
      if (cursor->is_object() && cursor->contains(segment))
        cursor = &(*cursor)[segment];
      else if (cursor->is_array() && !segment.empty() &&
               segment.find_first_not_of("0123456789") == std::string::npos &&
               std::stoul(segment) < cursor->size())
        cursor = &(*cursor)[std::stoul(segment)];
      else {
        cursor = nullptr;
        break;
      }
    }
    value = cursor;
  }
  const json* node = subschema_at(path);
  auto facet = [&](const char* key) -> std::string {
    return node && node->contains(key) ? value_text((*node)[key]) : "?";
  };

  if (starts_with(description, "Missing required property")) {
    return where + ": required key [" + quoted_name(description) + "] not found";
  }
  if (starts_with(description, "Object contains a property that could not be validated")) {
    return where + ": extraneous key [" + quoted_name(description) + "] is not permitted";
  }
  if (value == nullptr) return where + ": " + description;
  if (starts_with(description, "Failed to match against any enum values")) {
    return where + ": " + value_text(*value) + " is not a valid enum value";
  }
  if (starts_with(description, "Failed to match regex")) {
    // pattern_keywords.cc ends the description with the Java pattern itself.
    constexpr std::string_view kAfter = "' constraint: ";
    const size_t at = description.find(kAfter);
    return where + ": string [" + value_text(*value) + "] does not match pattern " +
           (at == std::string::npos ? facet("pattern") : description.substr(at + kAfter.size()));
  }
  if (starts_with(description, "String should be no fewer")) {
    return where + ": expected minLength: " + facet("minLength") +
           ", actual: " + std::to_string(code_points(value_text(*value)));
  }
  if (starts_with(description, "String should be no more")) {
    return where + ": expected maxLength: " + facet("maxLength") +
           ", actual: " + std::to_string(code_points(value_text(*value)));
  }
  if (starts_with(description, "Value type not permitted")) {
    return where + ": expected type: " + (node ? schema_type_label((*node)["type"]) : "?") +
           ", found: " + type_label(*value);
  }
  if (starts_with(description, "Expected number less than")) {
    return where + ": " + value->dump() + " is not less or equal to " + facet("maximum");
  }
  if (starts_with(description, "Expected number greater than")) {
    return where + ": " + value->dump() + " is not greater or equal to " + facet("minimum");
  }
  if (starts_with(description, "Elements at indexes")) {
    return where + ": array items are not unique";
  }
  return where + ": " + description;
}

std::vector<std::string> ResourceSchema::validate(const json& model) const {
  Prechecked prechecked;
  precheck(model, document_, "#", prechecked, 0);
  // A type that is not taggable takes no tags, whatever its properties say (tagging.taggable).
  if (!refused_tag_property_.empty() && model.is_object() &&
      model.contains(refused_tag_property_)) {
    prechecked.other.push_back("#: extraneous key [" + refused_tag_property_ +
                               "] is not permitted");
  }
  std::vector<std::string> clauses = std::move(prechecked.blocking);
  if (!clauses.empty()) {
    clauses.insert(clauses.end(), prechecked.other.begin(), prechecked.other.end());
    return clauses;
  }
  clauses = std::move(prechecked.other);

  // One validator per thread and schema (valijson validators hold per-use state).
  thread_local std::unordered_map<const ResourceSchema*, valijson::Validator> validators;
  valijson::ValidationResults results;
  if (validators[this].validate(*compiled_, NlohmannJsonAdapter(model), &results)) return clauses;

  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    const std::string& d = error.description;
    // Ancestors repeat each leaf failure; the leaf clause already names the path.
    if (starts_with(d, "Failed to validate against schema associated with") ||
        starts_with(d, "Failed to validate item #") ||
        starts_with(d, "Failed to validate against additional properties schema")) {
      continue;
    }
    std::string clause = describe(context_path(error.context), d, model);
    if (std::find(clauses.begin(), clauses.end(), clause) == clauses.end())
      clauses.push_back(clause);
  }
  return clauses;
}

}  // namespace ccemu::schema
