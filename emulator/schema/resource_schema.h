// ResourceSchema: one CloudFormation registry schema, loaded from a file, with its property roles
// and a validator.
//
// Thread-safety: immutable after load(); validate() may be called from any number of threads.
#pragma once

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace valijson {
class Schema;
}

namespace ccemu::schema {

class JavaRegex;
class PatternKeywords;

using nlohmann::json;

// Raised by load() when a schema file cannot be used; the message names the file and the problem.
class SchemaLoadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class Strictness {
  // The published schema as JSON Schema draft 7 defines it.
  kPublished,
  // Also what the CloudFormation handler wrapper enforces: unknown keys are refused at any depth
  // (reference §4: it deserializes strictly before validating).
  kWrapper,
};

class ResourceSchema {
 public:
  static std::shared_ptr<const ResourceSchema> load(const std::filesystem::path& file,
                                                    Strictness strictness);
  ~ResourceSchema();

  const std::string& type_name() const { return type_name_; }
  const json& document() const { return document_; }

  // Property roles as JSON pointers into a resource model ("/ConnectorProfileName"), in schema
  // order. The schema writes them as "/properties/ConnectorProfileName".
  const std::vector<json::json_pointer>& primary_identifier() const { return primary_identifier_; }
  const std::vector<json::json_pointer>& read_only() const { return read_only_; }
  const std::vector<json::json_pointer>& write_only() const { return write_only_; }
  const std::vector<json::json_pointer>& create_only() const { return create_only_; }

  // `node`, or the subschema its "$ref" names within this document (followed repeatedly).
  const json& resolve(const json& node) const;

  // The (resolved) schema of the property at `pointer` ("/Arn"), or nullptr.
  const json* property_schema(const json::json_pointer& pointer) const;

  // True when the schema declares a handler of that name ("create", "read", "update", "delete",
  // "list").
  bool has_handler(const std::string& name) const { return handlers_.contains(name); }
  // False for a schema with no "handlers" block: the registry's NON_PROVISIONABLE type, which
  // Cloud Control refuses.
  bool provisionable() const { return declares_handlers_; }

  // Properties the list handler needs in ListResources' ResourceModel (its handlerSchema's
  // "required"), e.g. a parent resource's id; empty for most types.
  const std::vector<std::string>& list_required_properties() const { return list_required_; }

  // Validates a resource model. Returns one clause per violation in the everit style CloudFormation
  // reports ("#/ConnectionMode: public is not a valid enum value"); empty when the model is valid.
  // Strings longer than their maxLength are reported without running their pattern. Patterns are
  // Java's, matched with PCRE2 (java_regex.h, pattern_keywords.h).
  std::vector<std::string> validate(const json& model) const;

 private:
  ResourceSchema() = default;
  // The schema for member `key` of an object validated by `node`: properties, then
  // patternProperties, then an additionalProperties schema; nullptr when none.
  const json* member_schema(const json& node, const std::string& key) const;
  const json* subschema_at(const std::vector<std::string>& path) const;
  // The checks that must not be left to valijson: maxLength before any pattern runs (a long
  // string is refused without being matched), uniqueItems in O(n log n), and over-long keys.
  struct Prechecked {
    std::vector<std::string> blocking;  // valijson must not run
    std::vector<std::string> other;
  };
  void precheck(const json& value, const json& node, const std::string& pointer,
                Prechecked& clauses, int depth) const;
  std::string describe(const std::vector<std::string>& path, const std::string& description,
                       const json& model) const;

  std::string type_name_;
  json document_;
  std::vector<json::json_pointer> primary_identifier_, read_only_, write_only_, create_only_;
  std::set<std::string> handlers_;
  bool declares_handlers_ = false;
  std::vector<std::string> list_required_;
  // The tag property when tagging.taggable is false (such a type refuses it), else empty.
  std::string refused_tag_property_;
  // patternProperties patterns, compiled at load; null for one PCRE2 cannot compile.
  std::unordered_map<std::string, const JavaRegex*> pattern_properties_;
  std::unique_ptr<PatternKeywords> patterns_;  // outlives compiled_, whose constraints use it
  std::unique_ptr<valijson::Schema> compiled_;
};

}  // namespace ccemu::schema
