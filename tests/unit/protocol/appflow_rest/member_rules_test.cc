// The AppFlow member table (protocol/appflow_rest/member_rules.h) against botocore's AppFlow
// service-2.json, and the messages check_members() gives.
#include "protocol/appflow_rest/member_rules.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "common/api_error.h"

namespace ccemu::protocol::appflow_rest {
namespace {

using nlohmann::json;

const char kServiceModel[] = CCEMU_SHARED_DIR "/spec/botocore-appflow/service-2.json";

json load_model() {
  std::ifstream in(kServiceModel);
  return json::parse(in);
}

// The model's shape reached from `operation`'s input by the dotted `member` path.
const json& member_shape(const json& model, const std::string& operation, const std::string& member,
                         bool& required) {
  const json& shapes = model["shapes"];
  const json* structure =
      &shapes[model["operations"][operation]["input"]["shape"].get<std::string>()];
  const json* shape = nullptr;
  size_t from = 0;
  while (true) {
    const size_t dot = member.find('.', from);
    const std::string name = member.substr(from, dot == std::string::npos ? dot : dot - from);
    EXPECT_TRUE((*structure)["members"].contains(name)) << operation << "." << member;
    const json required_list = structure->value("required", json::array());
    required = std::find(required_list.begin(), required_list.end(), name) != required_list.end();
    shape = &shapes[(*structure)["members"][name]["shape"].get<std::string>()];
    if (dot == std::string::npos) return *shape;
    structure = shape;
    from = dot + 1;
  }
}

class AppFlowMemberRulesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kServiceModel)) {
      GTEST_SKIP() << "botocore AppFlow model not found at " << kServiceModel
                   << " (../shared is absent)";
    }
    model_ = load_model();
  }
  json model_;
};

TEST_F(AppFlowMemberRulesTest, EveryRowMatchesTheModel) {
  for (const MemberRule& rule : member_rules()) {
    SCOPED_TRACE(std::string(rule.operation) + "." + std::string(rule.member));
    bool required = false;
    const json& shape =
        member_shape(model_, std::string(rule.operation), std::string(rule.member), required);
    EXPECT_EQ(required, rule.required);
    const std::string type = shape["type"];
    switch (rule.kind) {
      case MemberRule::Kind::kString:
        EXPECT_EQ(type, "string");
        break;
      case MemberRule::Kind::kInteger:
        EXPECT_EQ(type, "integer");
        break;
      case MemberRule::Kind::kBoolean:
        EXPECT_EQ(type, "boolean");
        break;
      case MemberRule::Kind::kStructure:
        EXPECT_EQ(type, "structure");
        break;
      case MemberRule::Kind::kStringList:
        EXPECT_EQ(type, "list");
        break;
      case MemberRule::Kind::kStringMap:
        EXPECT_EQ(type, "map");
        break;
    }
    EXPECT_EQ(rule.min,
              shape.contains("min") ? std::optional<int64_t>(shape["min"]) : std::nullopt);
    EXPECT_EQ(rule.max,
              shape.contains("max") ? std::optional<int64_t>(shape["max"]) : std::nullopt);
    EXPECT_EQ(std::string(rule.pattern), shape.value("pattern", ""));
    std::vector<std::string> enum_values(rule.enum_values.begin(), rule.enum_values.end());
    EXPECT_EQ(enum_values, shape.value("enum", std::vector<std::string>{}));
    const json* item = type == "list"
                           ? &model_["shapes"][shape["member"]["shape"].get<std::string>()]
                       : type == "map" ? &model_["shapes"][shape["key"]["shape"].get<std::string>()]
                                       : nullptr;
    if (item != nullptr) {
      EXPECT_EQ(rule.item_min,
                item->contains("min") ? std::optional<int64_t>((*item)["min"]) : std::nullopt);
      EXPECT_EQ(rule.item_max,
                item->contains("max") ? std::optional<int64_t>((*item)["max"]) : std::nullopt);
      EXPECT_EQ(std::string(rule.item_pattern), item->value("pattern", ""));
    }
    if (type == "map") {
      const json& value = model_["shapes"][shape["value"]["shape"].get<std::string>()];
      EXPECT_EQ(rule.value_max,
                value.contains("max") ? std::optional<int64_t>(value["max"]) : std::nullopt);
      EXPECT_EQ(std::string(rule.value_pattern), value.value("pattern", ""));
    }
  }
}

// Every top-level input member of the served operations has a row (clientToken and the like
// included), so none is left unchecked.
TEST_F(AppFlowMemberRulesTest, EveryTopLevelMemberHasARow) {
  for (const char* operation :
       {"CreateConnectorProfile", "DescribeConnectorProfiles", "UpdateConnectorProfile",
        "DeleteConnectorProfile", "TagResource", "UntagResource", "ListTagsForResource"}) {
    const std::string input = model_["operations"][operation]["input"]["shape"];
    for (const auto& [member, _] : model_["shapes"][input]["members"].items()) {
      bool found = false;
      for (const MemberRule& rule : member_rules()) {
        found = found || (rule.operation == operation && rule.member == member);
      }
      EXPECT_TRUE(found) << operation << "." << member << " has no row";
    }
  }
}

std::string validation_message(const std::string& operation, const json& input) {
  try {
    check_members(operation, input);
  } catch (const ApiError& error) {
    return std::string(error_name(error.code())) + ": " + error.message();
  }
  return "";
}

TEST(AppFlowMemberChecks, MessagesNameMemberAndRule) {
  EXPECT_EQ(validation_message("DeleteConnectorProfile", json::object()),
            "ValidationException: 1 validation error detected: Value null at "
            "'connectorProfileName' failed to satisfy constraint: Member must not be null");
  EXPECT_EQ(validation_message("DescribeConnectorProfiles", {{"maxResults", 0}}),
            "ValidationException: 1 validation error detected: Value '0' at 'maxResults' failed "
            "to satisfy constraint: Member must have value greater than or equal to 1");
  EXPECT_EQ(validation_message(
                "CreateConnectorProfile",
                {{"connectorProfileName", "a b"},
                 {"connectorType", "Hubspot"},
                 {"connectionMode", "Public"},
                 {"connectorProfileConfig", {{"connectorProfileProperties", json::object()}}}}),
            "ValidationException: 2 validation errors detected: Value 'a b' at "
            "'connectorProfileName' failed to satisfy constraint: Member must satisfy regular "
            "expression pattern: [\\w/!@#+=.-]+; Value 'Hubspot' at 'connectorType' failed to "
            "satisfy constraint: Member must satisfy enum value set: [Salesforce, Singular, Slack, "
            "Redshift, S3, Marketo, Googleanalytics, Zendesk, Servicenow, Datadog, Trendmicro, "
            "Snowflake, Dynatrace, Infornexus, Amplitude, Veeva, EventBridge, LookoutMetrics, "
            "Upsolver, Honeycode, CustomerProfiles, SAPOData, CustomConnector, Pardot]");
  EXPECT_EQ(validation_message("DeleteConnectorProfile",
                               {{"connectorProfileName", "p"}, {"forceDelete", "true"}}),
            "SerializationException: Member 'forceDelete' must be a boolean, found a JSON string.");
  EXPECT_EQ(validation_message("UntagResource",
                               {{"resourceArn", "arn:aws:appflow:us-east-1:1:connectorprofile/p"},
                                {"tagKeys", {"aws:x"}}}),
            "ValidationException: 1 validation error detected: Value 'aws:x' at "
            "'tagKeys.1.member' failed to satisfy constraint: Member must satisfy regular "
            "expression pattern: ^(?!aws:)[a-zA-Z+-=._:/]+$");
}

}  // namespace
}  // namespace ccemu::protocol::appflow_rest
