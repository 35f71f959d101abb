// The whole-registry chain (issue 18): what one type generates is what another type takes. Every
// bundled type with a value recipe is created from a minimal model; each ARN it generates (an
// "arn:" recipe) and each prefixed id ("vpc-", "sg-", "AROA", ...) is offered to every string
// property of every type whose pattern says it takes such a value: an ARN pattern naming the same
// service and resource ("...:iam::\d{12}:role/..."), or an id pattern with the same prefix. Each
// pair must pass the pattern and maxLength, as the consumer's schema validation would check them.
// The number of pairs is printed.
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "cloudcontrol/service.h"
#include "common/clock.h"
#include "common/id_generator.h"
#include "resources/read_only_values.h"
#include "resources/type_registry.h"

namespace ccemu {
namespace {

using nlohmann::json;

const std::filesystem::path kBundle = CCEMU_SOURCE_DIR "/schema/registry";
const std::filesystem::path kRecipes = CCEMU_SOURCE_DIR "/schema/values/recipes.jsonl";

struct Produced {
  std::string where;  // "AWS::IAM::Role /Arn"
  std::string value;
  std::string service;  // ARNs: "iam"
  std::string marker;   // ARNs: the resource part's literal skeleton ("role/"); ids: the prefix
};

struct Consumer {
  std::string where;  // "AWS::Lambda::Function /Role"
  std::string pattern;
  size_t max_length;
};

// The literal words of an ARN's resource part, each with the '/' or ':' after it: "flow/",
// "alias/" for both "flow/${FlowId}/alias/${AliasId}" and "flow/[0-9a-zA-Z]{10}/alias/[0-9a-z]+$".
std::string resource_words(const std::string& literal) {
  static const std::regex kWord(R"([A-Za-z][A-Za-z0-9_-]*[/:])");
  std::string words;
  for (std::sregex_iterator it(literal.begin(), literal.end(), kWord), end; it != end; ++it) {
    words += it->str() + " ";
  }
  return words;
}

// A pattern's literal text: escapes like \d, classes, quantifiers and regex syntax removed.
std::string literal_text(const std::string& pattern) {
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      if (!std::isalpha(static_cast<unsigned char>(pattern[i + 1]))) out += pattern[i + 1];
      ++i;
    } else if (c == '[') {
      while (i < pattern.size() && pattern[i] != ']') i += pattern[i] == '\\' ? 2 : 1;
    } else if (c == '{') {
      while (i < pattern.size() && pattern[i] != '}') ++i;
    } else if (std::string_view("()?*+^$|.").find(c) == std::string_view::npos) {
      out += c;
    }
  }
  return out;
}

// The literal skeleton of the resource part an ARN pattern of `service` takes ("flow//alias/" for
// "...:flow/[0-9a-zA-Z]{10}/alias/[0-9a-zA-Z]{10}$"), or "" when it is no such pattern.
std::string pattern_resource_skeleton(const std::string& pattern, const std::string& service) {
  const std::string text = literal_text(pattern);
  const size_t arn = text.find("arn:");
  const size_t at = arn == std::string::npos ? arn : text.find(":" + service + ":", arn);
  if (at == std::string::npos) return "";
  const size_t region_end = text.find(':', at + service.size() + 2);
  const size_t account_end =
      region_end == std::string::npos ? region_end : text.find(':', region_end + 1);
  if (account_end == std::string::npos) return "";
  return text.substr(account_end + 1);
}

// What a recipe value is, judged from its template: an ARN of a service and resource, an id with a
// prefix (EC2's "vpc-", IAM's "AROA"), or neither (empty marker).
// Whether `value` has the shape of `tmpl` (its literal text in order): false when the recipe's
// value did not fit the property's schema and generate_read_only_value made another.
bool made_by(const std::string& tmpl, const std::string& value) {
  size_t at = 0, from = 0;
  for (size_t open = tmpl.find("${");; open = tmpl.find("${", from)) {
    const std::string literal = tmpl.substr(from, open == std::string::npos ? open : open - from);
    const size_t found = value.find(literal, at);
    if (found == std::string::npos || (from == 0 && found != 0)) return false;
    at = found + literal.size();
    if (open == std::string::npos) return true;
    from = tmpl.find('}', open) + 1;
  }
}

// Whether `tmpl` takes a value the caller gave that is not a name (Lex BotAlias's BotId): such a
// value is the caller's, not ccemu's, and its shape is not this test's question.
bool holds_callers_id(const std::string& tmpl, const schema::ResourceSchema& schema) {
  for (size_t open = tmpl.find("${"); open != std::string::npos; open = tmpl.find("${", open + 2)) {
    const std::string name = tmpl.substr(open + 2, tmpl.find('}', open) - open - 2);
    if (name.find(':') != std::string::npos || name.starts_with('#') || name.ends_with("Name")) {
      continue;
    }
    const json::json_pointer pointer("/" + name);
    const auto& read_only = schema.read_only();
    if (std::find(read_only.begin(), read_only.end(), pointer) == read_only.end()) return true;
  }
  return false;
}

std::optional<Produced> classify(const std::string& where, const std::string& given,
                                 const std::string& value) {
  if (!made_by(given, value)) return std::nullopt;
  // The caller's values hold colons of their own ("${aws:Region}"): shorten them first.
  std::string tmpl = given;
  for (const char* caller : {"${aws:Partition}", "${aws:Region}", "${aws:Account}"}) {
    for (size_t at = tmpl.find(caller); at != std::string::npos; at = tmpl.find(caller)) {
      tmpl.replace(at, std::string_view(caller).size(), "@");
    }
  }
  static const std::regex kArnHead(R"(^arn:@:([a-z0-9-]+):[^:]*:[^:]*:)");
  std::smatch head;
  if (std::regex_search(tmpl, head, kArnHead)) {
    std::string resource = tmpl.substr(head.length(0));
    for (size_t open = resource.find("${"); open != std::string::npos; open = resource.find("${")) {
      resource.erase(open, resource.find('}', open) - open + 1);
    }
    if (resource_words(resource).empty()) return std::nullopt;  // "${QueueName}": nothing to match
    return Produced{where, value, head[1], resource};
  }
  static const std::regex kIdPrefix(R"(^([a-z]+(-[a-z]+)*-|A[A-Z]{3})\$\{#)");
  if (std::regex_search(tmpl, head, kIdPrefix)) return Produced{where, value, "", head[1]};
  return std::nullopt;
}

// Whether `pattern` asks for a bare id starting `prefix`: the prefix starts a value (not inside a
// longer word, nor after an ARN's "/") and a character class or group follows it ("vpc-[0-9a-f]").
bool asks_for_id(const std::string& pattern, const std::string& prefix) {
  for (size_t at = pattern.find(prefix); at != std::string::npos;
       at = pattern.find(prefix, at + 1)) {
    const char before = at == 0 ? '^' : pattern[at - 1];
    const char after = at + prefix.size() < pattern.size() ? pattern[at + prefix.size()] : '$';
    if (std::string_view("^(|").find(before) != std::string_view::npos &&
        std::string_view("[(.\\").find(after) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

bool takes(const Consumer& consumer, const Produced& produced) {
  if (produced.service.empty()) return asks_for_id(consumer.pattern, produced.marker);
  return pattern_resource_skeleton(consumer.pattern, produced.service) == produced.marker;
}

void collect_consumers(const schema::ResourceSchema& schema, const json& node,
                       const std::string& path, int depth, std::vector<Consumer>& out) {
  const json& resolved = schema.resolve(node);
  if (depth > 8 || !resolved.is_object()) return;
  if (auto pattern = resolved.find("pattern"); pattern != resolved.end() && pattern->is_string()) {
    out.push_back({schema.type_name() + " " + path, pattern->get<std::string>(),
                   resolved.value("maxLength", size_t{1} << 20)});
  }
  if (auto properties = resolved.find("properties");
      properties != resolved.end() && properties->is_object()) {
    for (const auto& [name, member] : properties->items()) {
      collect_consumers(schema, member, path + "/" + name, depth + 1, out);
    }
  }
  if (auto items = resolved.find("items"); items != resolved.end()) {
    collect_consumers(schema, *items, path + "/*", depth + 1, out);
  }
  for (const char* combiner : {"oneOf", "anyOf", "allOf"}) {
    if (auto branches = resolved.find(combiner);
        branches != resolved.end() && branches->is_array()) {
      for (const auto& branch : *branches) collect_consumers(schema, branch, path, depth + 1, out);
    }
  }
}

TEST(ValueChain, EveryGeneratedArnAndIdIsTakenWhereAPatternAsksForIt) {
  ASSERT_TRUE(std::filesystem::exists(kRecipes)) << "no recipes at " << kRecipes;
  resources::TypeRegistry types([](const std::string&) {});
  types.add_bundle(kBundle, schema::Strictness::kWrapper);
  types.set_value_recipes(kRecipes);
  ManualClock clock(1767225600000);
  IdGenerator ids(18);
  cloudcontrol::ServiceOptions options;
  options.validation = cloudcontrol::ValidationLevel::kSchema;
  cloudcontrol::CloudControlService service(types, clock, ids, options);
  const cloudcontrol::Caller caller{"123456789012", "us-east-1"};

  std::vector<Produced> produced;
  std::vector<Consumer> consumers;
  size_t created = 0, callers = 0;
  for (const std::string_view served : types.type_names()) {
    const std::string name(served);
    const resources::ResourceType* type = types.find(name);
    if (type == nullptr) continue;
    const schema::ResourceSchema& schema = *type->schema;
    collect_consumers(schema, schema.document(), "", 0, consumers);
    if (!type->recipe) continue;
    const resources::GenerationContext ctx{name, caller.account, caller.region, ids,
                                           clock.now_ms()};
    auto model = resources::generate_read_only_value(
        "", schema.document(), ctx,
        [&](const json& node) -> const json& { return schema.resolve(node); });
    if (!model || !model->is_object()) continue;
    for (const auto& pointer : schema.read_only()) {
      if (pointer.parent_pointer().empty()) model->erase(pointer.back());
    }
    // Names as people write them (lower case) where the schema allows: pattern samples like
    // "U" are valid for the type itself but not what the chain is about.
    for (auto& [key, member] : model->items()) {
      if (!member.is_string() || !key.ends_with("Name")) continue;
      std::string lowered = member.get<std::string>();
      for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      const json kept = member;
      member = lowered;
      if (!schema.validate(*model).empty()) member = kept;
    }
    try {
      const auto event = service.create_resource(caller, {name, {}, {}, {}, model->dump()});
      const auto done = service.get_resource_request_status(caller, event.request_token);
      if (done.status != cloudcontrol::OperationStatus::kSuccess) continue;
      const auto got = service.get_resource(caller, {name, {}, {}, done.identifier});
      const json read = json::parse(got.description.model->read_view_text());
      ++created;
      for (const auto& [property, tmpl] : type->recipe->values) {
        if (!tmpl.is_string() || !read.contains(property) || !read[property].is_string()) continue;
        if (holds_callers_id(tmpl.get<std::string>(), schema)) {
          ++callers;
          continue;
        }
        if (auto value = classify(name + " /" + property, tmpl.get<std::string>(),
                                  read[property].get<std::string>())) {
          produced.push_back(*value);
        }
      }
    } catch (const std::exception&) {
      continue;  // a type the registry contract covers; not a chain question
    }
  }

  size_t pairs = 0, unchecked = 0;
  std::vector<std::string> failures;
  for (const Consumer& consumer : consumers) {
    std::optional<std::regex> compiled;
    bool compilable = true;
    for (const Produced& value : produced) {
      if (!takes(consumer, value) || consumer.where.starts_with(value.where)) continue;
      if (!compiled && compilable) {
        try {
          compiled.emplace(consumer.pattern);
        } catch (const std::regex_error&) {
          compilable = false;  // not enforced by ccemu's validation either
        }
      }
      if (!compilable) {
        ++unchecked;
        continue;
      }
      ++pairs;
      if (value.value.size() > consumer.max_length || !std::regex_search(value.value, *compiled)) {
        failures.push_back(value.where + " = " + value.value + " -> " + consumer.where + " (" +
                           consumer.pattern + ")");
      }
    }
  }
  std::cout << "value chain: " << created << " types created, " << produced.size()
            << " ARN/id values (" << callers << " more hold an id the caller gave), "
            << consumers.size() << " patterned properties, " << pairs << " pairs checked, "
            << failures.size() << " failed, " << unchecked
            << " pairs with patterns std::regex cannot compile\n";
  std::string listed;
  for (size_t i = 0; i < failures.size() && i < 60; ++i) listed += "\n  " + failures[i];
  EXPECT_TRUE(failures.empty()) << failures.size() << " pairs failed:" << listed;
  EXPECT_GT(pairs, 500u);  // the matching still finds the chains it is about
}

}  // namespace
}  // namespace ccemu
