// The whole-registry contract (issue 11): for every bundled type, a minimal valid model made from
// its schema goes through the contract `cfn test` holds a handler to, against the real service:
// create -> SUCCESS with the primary identifier set and no write-only property out; read equals
// the input minus read-only and write-only properties (arrays as sets where insertionOrder is
// false); list (with the handlerSchema's required properties given) contains it; a second create
// ends FAILED AlreadyExists when every primary identifier is create-only; delete -> SUCCESS; then
// read -> ResourceNotFound and delete -> FAILED NotFound; a handler the schema lacks ->
// UnsupportedAction. Counts per outcome are printed.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "cloudcontrol/service.h"
#include "common/api_error.h"
#include "common/clock.h"
#include "common/id_generator.h"
#include "resources/read_only_values.h"
#include "resources/type_registry.h"

namespace ccemu {
namespace {

using cloudcontrol::OperationStatus;
using nlohmann::json;

const std::filesystem::path kBundle = CCEMU_SOURCE_DIR "/schema/registry";
const std::filesystem::path kRecipes = CCEMU_SOURCE_DIR "/schema/values/recipes.jsonl";

struct Failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

void expect(bool condition, const std::string& what) {
  if (!condition) throw Failure(what);
}

bool contains_pointer(const std::vector<json::json_pointer>& pointers,
                      const json::json_pointer& pointer) {
  return std::find(pointers.begin(), pointers.end(), pointer) != pointers.end();
}

// Removes the values at `pointers` that `model` holds (pointers through arrays are skipped).
void erase_all(json& model, const std::vector<json::json_pointer>& pointers) {
  for (const auto& pointer : pointers) {
    const json::json_pointer parent = pointer.parent_pointer();
    if (model.contains(pointer) && model.at(parent).is_object()) {
      model.at(parent).erase(pointer.back());
    }
  }
}

// Arrays whose schema says insertionOrder: false compare as sorted lists.
json canonical(const json& value, const json& node, const schema::ResourceSchema& schema,
               int depth = 0) {
  const json& resolved = schema.resolve(node);
  if (depth > 32 || !resolved.is_object()) return value;
  if (value.is_array()) {
    json items = json::array();
    const json item_schema = resolved.value("items", json::object());
    for (const auto& item : value) items.push_back(canonical(item, item_schema, schema, depth + 1));
    if (!resolved.value("insertionOrder", true)) std::sort(items.begin(), items.end());
    return items;
  }
  if (value.is_object()) {
    json out = json::object();
    const json properties = resolved.value("properties", json::object());
    for (const auto& [key, member] : value.items()) {
      out[key] =
          properties.contains(key) ? canonical(member, properties[key], schema, depth + 1) : member;
    }
    return out;
  }
  return value;
}

class Contract {
 public:
  Contract(cloudcontrol::CloudControlService& service, const resources::ResourceType& type,
           IdGenerator& ids)
      : service_(service), type_(type), schema_(*type.schema), ids_(ids) {}

  // The outcome's name: "passed", "passed (no create handler)", ...
  std::string run() {
    if (!handles("create")) {
      expect_error([&] { create(model()); }, ErrorCode::kUnsupportedAction,
                   "create without handler");
      return "passed (no create handler: UnsupportedAction)";
    }
    const json input = model();
    std::string lacking;
    if (!handles("update")) {
      lacking += " update";
      expect_error([&] { update("any"); }, ErrorCode::kUnsupportedAction, "update without handler");
    }
    if (!handles("list")) {
      lacking += " list";
      expect_error([&] { service_.list_resources(caller_, {schema_.type_name()}); },
                   ErrorCode::kUnsupportedAction, "list without handler");
    }
    const cloudcontrol::ProgressEvent created = finish(create(input));
    expect(created.status == OperationStatus::kSuccess,
           "create ended " + std::string(to_string(created.status)) + ": " +
               created.status_message.value_or(""));
    const std::string identifier = created.identifier;
    expect(!identifier.empty(), "create gave no identifier");

    if (handles("read")) check_read(identifier, input);
    if (handles("list")) {
      check_list(identifier, handles("read") ? read(identifier) : input, input);
    }
    // Identifiers the caller sets once: a second create with them must collide.
    bool all_create_only = !schema_.primary_identifier().empty();
    for (const auto& pointer : schema_.primary_identifier()) {
      all_create_only = all_create_only && contains_pointer(schema_.create_only(), pointer) &&
                        input.contains(pointer);
    }
    if (all_create_only) {
      const auto again = finish(create(input));
      expect(again.status == OperationStatus::kFailed && again.error_code == "AlreadyExists",
             "second create ended " + std::string(to_string(again.status)) + " " +
                 again.error_code.value_or(""));
    }
    if (!handles("delete")) {
      expect_error([&] { remove(identifier); }, ErrorCode::kUnsupportedAction, "delete");
      return "passed (no delete handler)";
    }
    const auto deleted = finish(remove(identifier));
    expect(deleted.status == OperationStatus::kSuccess,
           "delete ended " + std::string(to_string(deleted.status)));
    if (handles("read")) {
      expect_error([&] { read(identifier); }, ErrorCode::kResourceNotFound, "read after delete");
    }
    const auto gone = finish(remove(identifier));
    expect(gone.status == OperationStatus::kFailed && gone.error_code == "NotFound",
           "second delete ended " + std::string(to_string(gone.status)));
    return lacking.empty() ? "passed" : "passed (no" + lacking + " handler: UnsupportedAction)";
  }

 private:
  // A NON_PROVISIONABLE type (no handlers) is served whole under --serve-non-provisionable.
  bool handles(const std::string& handler) const {
    return !schema_.provisionable() || schema_.has_handler(handler);
  }

  // Required properties with values satisfying the schema; read-only ones are the service's.
  json model() {
    const std::string account = "123456789012", region = "us-east-1";
    const resources::GenerationContext ctx{schema_.type_name(), account, region, ids_,
                                           1767225600000};
    auto generated = resources::generate_read_only_value(
        "", schema_.document(), ctx,
        [&](const json& node) -> const json& { return schema_.resolve(node); });
    expect(generated.has_value() && generated->is_object(), "no model can be generated");
    json& model = *generated;
    // Primary identifiers the caller sets, and what the list handler needs, are given too.
    std::vector<json::json_pointer> wanted = schema_.primary_identifier();
    for (const auto& name : schema_.list_required_properties()) {
      wanted.push_back(json::json_pointer("/" + name));
    }
    for (const auto& pointer : wanted) {
      if (model.contains(pointer) || contains_pointer(schema_.read_only(), pointer) ||
          !pointer.parent_pointer().empty()) {
        continue;
      }
      const json* property = schema_.property_schema(pointer);
      expect(property != nullptr, "no schema for " + pointer.to_string());
      auto value = resources::generate_read_only_value(
          pointer.back(), *property, ctx,
          [&](const json& node) -> const json& { return schema_.resolve(node); });
      expect(value.has_value(), "no value for " + pointer.to_string());
      model[pointer] = *value;
      // Some schemas allow an identifier or another property, not both (oneOf): then leave it.
      if (!schema_.validate(model).empty()) erase_all(model, {pointer});
    }
    erase_all(model, schema_.read_only());
    return model;
  }

  cloudcontrol::ProgressEvent create(const json& input) {
    return service_.create_resource(caller_, {schema_.type_name(), {}, {}, {}, input.dump()});
  }
  cloudcontrol::ProgressEvent update(const std::string& identifier) {
    return service_.update_resource(
        caller_,
        {schema_.type_name(), {}, {}, {}, identifier, R"([{"op":"test","path":"","value":{}}])"});
  }
  cloudcontrol::ProgressEvent remove(const std::string& identifier) {
    return service_.delete_resource(caller_, {schema_.type_name(), {}, {}, {}, identifier});
  }
  json read(const std::string& identifier) {
    auto got = service_.get_resource(caller_, {schema_.type_name(), {}, {}, identifier});
    return json::parse(got.description.model->read_view_text());
  }
  cloudcontrol::ProgressEvent finish(const cloudcontrol::ProgressEvent& event) {
    return service_.get_resource_request_status(caller_, event.request_token);
  }

  void check_read(const std::string& identifier, const json& input) {
    const json got = read(identifier);
    for (const auto& pointer : schema_.write_only()) {
      expect(!got.contains(pointer), "read shows write-only " + pointer.to_string());
    }
    json expected = input, shown = got;
    erase_all(expected, schema_.write_only());
    erase_all(shown, schema_.read_only());
    // Generated primary identifiers are the service's too, with any object made to hold them;
    // so are the names AWS makes when the caller leaves them out (the type's value recipe).
    std::vector<json::json_pointer> generated = schema_.primary_identifier();
    if (type_.recipe) {
      for (const auto& [name, value] : type_.recipe->values) {
        generated.push_back(json::json_pointer("/" + name));
        const std::string text = value.dump();
        for (size_t at = text.find("${"); at != std::string::npos; at = text.find("${", at + 2)) {
          const std::string used = text.substr(at + 2, text.find('}', at) - at - 2);
          if (used.find(':') == std::string::npos)
            generated.push_back(json::json_pointer("/" + used));
        }
      }
    }
    for (const auto& pointer : generated) {
      if (input.contains(pointer) || !shown.contains(pointer)) continue;
      erase_all(shown, {pointer});
      for (auto parent = pointer.parent_pointer(); !parent.empty();
           parent = parent.parent_pointer()) {
        if (input.contains(parent) || !shown.at(parent).empty()) break;
        erase_all(shown, {parent});
      }
    }
    expect(canonical(shown, schema_.document(), schema_) ==
               canonical(expected, schema_.document(), schema_),
           "read " + shown.dump() + " differs from input " + expected.dump());
  }

  // `shown`: the resource as read (read-only values), `input`: as created (write-only ones).
  void check_list(const std::string& identifier, const json& shown, const json& input) {
    json filter = json::object();
    for (const auto& name : schema_.list_required_properties()) {
      if (shown.contains(name)) {
        filter[name] = shown[name];
      } else if (input.contains(name)) {
        filter[name] = input[name];
      }
    }
    cloudcontrol::ListResourcesInput list{schema_.type_name()};
    if (!filter.empty()) list.resource_model = filter.dump();
    const auto page = service_.list_resources(caller_, list);
    const bool found =
        std::any_of(page.descriptions.begin(), page.descriptions.end(),
                    [&](const auto& description) { return description.identifier == identifier; });
    expect(found, "list does not contain " + identifier);
  }

  template <class Call>
  void expect_error(Call call, ErrorCode code, const std::string& step) {
    try {
      call();
    } catch (const ApiError& e) {
      expect(e.code() == code, step + " raised " + e.what());
      return;
    }
    throw Failure(step + " raised nothing");
  }

  cloudcontrol::CloudControlService& service_;
  const resources::ResourceType& type_;
  const schema::ResourceSchema& schema_;
  IdGenerator& ids_;
  const cloudcontrol::Caller caller_{"123456789012", "us-east-1"};
};

TEST(RegistryContract, EveryBundledTypeHonoursTheHandlerContract) {
  ASSERT_TRUE(std::filesystem::exists(kBundle / "index.json")) << "no bundle at " << kBundle;
  std::vector<std::string> skipped;
  resources::TypeRegistry types([&](const std::string& message) { skipped.push_back(message); });
  types.add_bundle(kBundle, schema::Strictness::kWrapper);
  types.set_value_recipes(kRecipes);
  ManualClock clock(1767225600000);
  IdGenerator ids(11);
  // Schema validation: the AppFlow API rules of --validation service need more than the schema.
  cloudcontrol::ServiceOptions options;
  // NON_PROVISIONABLE types are held to the contract too (test_aws_answers.py checks the refusal).
  options.serve_non_provisionable = true;
  options.validation = cloudcontrol::ValidationLevel::kSchema;
  cloudcontrol::CloudControlService service(types, clock, ids, options);

  std::map<std::string, int> outcomes;
  std::vector<std::string> failures;
  for (const std::string_view served : types.type_names()) {
    const std::string name(served);
    const resources::ResourceType* type = types.find(name);
    std::string outcome;
    if (type == nullptr) {
      outcome = "failed: schema not served";
      failures.push_back(name + ": schema not served");
    } else {
      try {
        outcome = Contract(service, *type, ids).run();
      } catch (const Failure& e) {
        outcome = "failed";
        failures.push_back(name + ": " + e.what());
      } catch (const std::exception& e) {
        outcome = "failed";
        failures.push_back(name + ": threw " + e.what());
      }
    }
    ++outcomes[outcome];
  }
  std::cout << "registry contract over " << types.type_names().size() << " types:\n";
  for (const auto& [outcome, count] : outcomes)
    std::cout << "  " << count << " " << outcome << "\n";
  for (const auto& message : skipped) std::cout << "  skipped: " << message << "\n";
  std::string listed;
  for (size_t i = 0; i < failures.size(); ++i) listed += "\n  " + failures[i];
  EXPECT_TRUE(failures.empty()) << failures.size() << " types failed:" << listed;
  EXPECT_TRUE(skipped.empty());
}

}  // namespace
}  // namespace ccemu
