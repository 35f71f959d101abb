#include "schema/pattern_keywords.h"

#include <map>
#include <set>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/constraint_builder.hpp>
#include <valijson/constraints/concrete_constraints.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "schema/java_regex.h"

namespace ccemu::schema {
namespace {

using nlohmann::json;
using valijson::ValidationResults;
using valijson::adapters::Adapter;
using valijson::adapters::NlohmannJsonAdapter;

constexpr const char* kPattern = "x-ccemu-pattern";
constexpr const char* kPatternProperties = "x-ccemu-pattern-properties";

// What one object schema's properties, patternProperties and additionalProperties ask of keys
// "properties" does not name.
struct ObjectRule {
  std::set<std::string> properties;
  // Each pattern with its schema; a null regex (a pattern PCRE2 cannot compile) matches any key.
  std::vector<std::pair<const JavaRegex*, json>> patterns;
  json additional;  // false, a schema, or null (any value)
};

}  // namespace

struct PatternKeywords::State {
  json definitions;  // the copy's, which sub-schemas' "$ref"s point into
  std::vector<ObjectRule> objects;
  // Sub-schemas by (object rule, pattern index or -1 for additionalProperties), compiled while the
  // schema loads; null: any value. A schema that refers to itself finds its own entry.
  std::map<std::pair<size_t, int>, std::unique_ptr<valijson::Schema>> compiled;
  PatternKeywords* owner = nullptr;

  void prepare(size_t object);
  const valijson::Schema* schema_for(size_t object, int index) const {
    auto it = compiled.find({object, index});
    return it == compiled.end() ? nullptr : it->second.get();
  }
};

namespace {

class PatternConstraint : public valijson::constraints::PolyConstraint {
 public:
  explicit PatternConstraint(const JavaRegex* regex) : regex_(regex) {}

  bool validate(const Adapter& target, const std::vector<std::string>& context,
                ValidationResults* results) const override {
    if (!target.isString() || regex_->search(target.getString())) return true;
    // valijson's words, with the pattern (describe() in resource_schema.cc prints it).
    if (results) {
      results->pushError(
          context, "Failed to match regex specified by 'pattern' constraint: " + regex_->java());
    }
    return false;
  }

 private:
  valijson::constraints::Constraint* cloneInto(void* memory) const override {
    return new (memory) PatternConstraint(*this);
  }
  size_t sizeOf() const override { return sizeof(PatternConstraint); }

  const JavaRegex* regex_;  // owned by JavaRegex::compile's memory, which lives to the end
};

class ObjectConstraint : public valijson::constraints::PolyConstraint {
 public:
  ObjectConstraint(const PatternKeywords::State* state, size_t object)
      : state_(state), object_(object) {}

  bool validate(const Adapter& target, const std::vector<std::string>& context,
                ValidationResults* results) const override {
    if (!target.isObject()) return true;
    const ObjectRule& rule = state_->objects[object_];
    bool valid = true;
    target.applyToObject([&](const std::string& name, const Adapter& value) {
      // A named property is checked by "properties" and, as JSON Schema says, by every pattern
      // it matches; additionalProperties is for the keys nothing else names or matches.
      const bool named = rule.properties.contains(name);
      bool matched = named;
      for (size_t k = 0; k < rule.patterns.size(); ++k) {
        const JavaRegex* regex = rule.patterns[k].first;
        // An unenforceable pattern stands for "any key" only where nothing names the key.
        if (regex == nullptr ? named : !regex->search(name)) continue;
        matched = true;
        valid = check(static_cast<int>(k), name, value, context, results) && valid;
      }
      if (!matched && rule.additional.is_boolean() && !rule.additional.get<bool>()) {
        valid = false;
        if (results) {
          results->pushError(context,
                             "Object contains a property that could not be validated using "
                             "'properties' or 'additionalProperties' constraints: '" +
                                 name + "'.");
        }
      } else if (!matched && rule.additional.is_object()) {
        valid = check(-1, name, value, context, results) && valid;
      }
      return valid || results != nullptr;  // without results the first failure decides
    });
    return valid;
  }

 private:
  bool check(int index, const std::string& name, const Adapter& value,
             const std::vector<std::string>& context, ValidationResults* results) const {
    const valijson::Schema* schema = state_->schema_for(object_, index);
    const auto* member = dynamic_cast<const NlohmannJsonAdapter*>(&value);
    if (schema == nullptr || member == nullptr) return true;
    valijson::Validator validator;
    ValidationResults inner;
    if (validator.validate(*schema, *member, results ? &inner : nullptr)) return true;
    ValidationResults::Error error;
    while (results && inner.popError(error)) {
      std::vector<std::string> where = context;
      where.push_back("[" + name + "]");
      where.insert(where.end(), error.context.begin() + (error.context.empty() ? 0 : 1),
                   error.context.end());
      results->pushError(where, error.description);
    }
    return false;
  }

  valijson::constraints::Constraint* cloneInto(void* memory) const override {
    return new (memory) ObjectConstraint(*this);
  }
  size_t sizeOf() const override { return sizeof(ObjectConstraint); }

  const PatternKeywords::State* state_;  // owned by the schema's PatternKeywords
  size_t object_;
};

class PatternBuilder : public valijson::ConstraintBuilder {
 public:
  valijson::constraints::Constraint* make(const Adapter& value) const override {
    std::string why;
    return new PatternConstraint(JavaRegex::compile(value.getString(), why).get());
  }
};

class ObjectBuilder : public valijson::ConstraintBuilder {
 public:
  explicit ObjectBuilder(PatternKeywords::State* state) : state_(state) {}
  valijson::constraints::Constraint* make(const Adapter& value) const override {
    const auto object = static_cast<size_t>(value.getInteger());
    state_->prepare(object);
    return new ObjectConstraint(state_, object);
  }

 private:
  PatternKeywords::State* state_;
};

bool is_value_keyword(const std::string& key) {
  return key == "enum" || key == "const" || key == "default" || key == "examples";
}

}  // namespace

void PatternKeywords::State::prepare(size_t object) {
  const ObjectRule& rule = objects[object];
  std::vector<std::pair<int, const json*>> wanted;
  for (size_t k = 0; k < rule.patterns.size(); ++k)
    wanted.emplace_back(static_cast<int>(k), &rule.patterns[k].second);
  if (rule.additional.is_object()) wanted.emplace_back(-1, &rule.additional);
  for (const auto& [index, subschema] : wanted) {
    const auto key = std::make_pair(object, index);
    if (compiled.contains(key) || subschema->is_boolean()) continue;  // true: any value
    auto& schema = compiled[key] = std::make_unique<valijson::Schema>();
    json document = *subschema;
    if (document.is_object() && !document.contains("definitions") && definitions.is_object())
      document["definitions"] = definitions;
    try {
      valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
      owner->register_with(parser);
      parser.populateSchema(NlohmannJsonAdapter(document), *schema);
    } catch (const std::exception&) {
      schema.reset();  // a sub-schema valijson cannot read constrains nothing
    }
  }
}

PatternKeywords::PatternKeywords() : state_(std::make_shared<State>()) { state_->owner = this; }

PatternKeywords::~PatternKeywords() = default;

void PatternKeywords::take_patterns(json& schema, const PatternReport& report) {
  std::function<void(json&, const std::string&)> walk = [&](json& node, const std::string& where) {
    if (node.is_array()) {
      for (size_t i = 0; i < node.size(); ++i) walk(node[i], where + "/" + std::to_string(i));
      return;
    }
    if (!node.is_object()) return;
    for (auto& [key, child] : node.items()) {
      if (!is_value_keyword(key)) walk(child, where + "/" + key);
    }
    if (auto pattern = node.find("pattern"); pattern != node.end() && pattern->is_string()) {
      const std::string java = pattern->get<std::string>();
      std::string why;
      const bool compiled = JavaRegex::compile(java, why) != nullptr;
      node.erase("pattern");
      if (compiled)
        node[kPattern] = java;
      else
        report(java, where + "/pattern", why);
    }
    if (auto patterns = node.find("patternProperties");
        patterns != node.end() && patterns->is_object()) {
      ObjectRule rule;
      if (auto properties = node.find("properties");
          properties != node.end() && properties->is_object()) {
        for (const auto& [name, _] : properties->items()) rule.properties.insert(name);
      }
      for (auto& [java, subschema] : patterns->items()) {
        std::string why;
        const JavaRegex* regex = JavaRegex::compile(java, why).get();
        if (regex == nullptr) report(java, where + "/patternProperties", why);
        rule.patterns.emplace_back(regex, std::move(subschema));
      }
      if (auto additional = node.find("additionalProperties");
          additional != node.end() && (additional->is_object() || *additional == false)) {
        rule.additional = std::move(*additional);
      }
      node.erase("patternProperties");
      node.erase("additionalProperties");
      node[kPatternProperties] = state_->objects.size();
      state_->objects.push_back(std::move(rule));
    }
  };
  walk(schema, "#");
  if (schema.is_object() && schema.contains("definitions"))
    state_->definitions = schema["definitions"];
}

void PatternKeywords::register_with(valijson::SchemaParser& parser) {
  parser.addConstraintBuilder(kPattern, new PatternBuilder());
  parser.addConstraintBuilder(kPatternProperties, new ObjectBuilder(state_.get()));
}

}  // namespace ccemu::schema
