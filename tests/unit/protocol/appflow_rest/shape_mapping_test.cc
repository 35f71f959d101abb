// The one table between the CloudFormation model and the AppFlow API's shapes
// (protocol/appflow_rest/shape_mapping.h), checked both ways against the published schema and
// botocore's AppFlow model, so no property of either is missed or mis-cased.
#include "protocol/appflow_rest/shape_mapping.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace ccemu::protocol::appflow_rest {
namespace {

using nlohmann::json;

const char kSchema[] = CCEMU_SHARED_DIR "/schema/AWS-AppFlow-ConnectorProfile.json";
const char kServiceModel[] = CCEMU_SHARED_DIR "/spec/botocore-appflow/service-2.json";

json load(const char* path) {
  std::ifstream in(path);
  return json::parse(in);
}

class ShapeMappingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* path : {kSchema, kServiceModel}) {
      if (!std::filesystem::exists(path))
        GTEST_SKIP() << path << " not found (../shared is absent)";
    }
    schema_ = load(kSchema);
    shapes_ = load(kServiceModel)["shapes"];
  }

  const json& resolve(const json& node) const {
    const json* at = &node;
    while (at->contains("$ref")) {
      const std::string ref = (*at)["$ref"];
      at = &schema_["definitions"][ref.substr(ref.rfind('/') + 1)];
    }
    return *at;
  }

  // Walks a schema object and the model structure that should mirror it, checking each name both
  // ways. `name` is the schema's name of the property being walked.
  void walk(const std::string& name, const json& schema_node, const std::string& shape_name,
            const std::string& where) {
    const json& node = resolve(schema_node);
    const json& shape = shapes_[shape_name];
    if (shape["type"] == "list") {
      if (node.contains("items")) {
        walk(name, node["items"], shape["member"]["shape"], where + "[]");
      }
      return;
    }
    if (shape["type"] != "structure") {
      EXPECT_FALSE(node.contains("properties")) << where << " is an object in the schema only";
      return;
    }
    const json properties = node.value("properties", json::object());
    const json& members = shape["members"];
    for (const auto& [property, child] : properties.items()) {
      const std::string api = api_name(name, property);
      ++checked_;
      if (!members.contains(api)) {
        ADD_FAILURE() << where << "/" << property << " maps to '" << api << "', which "
                      << shape_name << " does not have";
        continue;
      }
      EXPECT_EQ(model_name(name, api), property) << where << "/" << property;
      walk(property, child, members[api]["shape"], where + "/" + property);
    }
    for (const auto& [member, _] : members.items()) {
      const std::string model = model_name(name, member);
      if (properties.contains(model)) continue;
      EXPECT_TRUE(api_only_connector_block(name, member))
          << shape_name << "." << member << " maps to '" << model << "', which " << where
          << " does not have";
    }
  }

  json schema_;
  json shapes_;
  int checked_ = 0;
};

TEST_F(ShapeMappingTest, EveryConfigPropertyMapsBothWays) {
  walk("ConnectorProfileConfig", schema_["properties"]["ConnectorProfileConfig"],
       "ConnectorProfileConfig", "#/ConnectorProfileConfig");
  EXPECT_GT(checked_, 150);  // every connector's properties and credentials were walked
}

TEST_F(ShapeMappingTest, TopLevelPropertiesMapToRequestAndDescribeMembers) {
  const json& request = shapes_["CreateConnectorProfileRequest"]["members"];
  const json& profile = shapes_["ConnectorProfile"]["members"];
  for (const auto& [property, _] : schema_["properties"].items()) {
    const std::string api = api_name("", property);
    EXPECT_TRUE(request.contains(api) || profile.contains(api)) << property << " -> " << api;
    EXPECT_EQ(model_name("", api), property);
  }
  for (const auto& [member, _] : request.items()) {
    if (member == "clientToken") continue;  // an idempotency token, not a property
    EXPECT_TRUE(schema_["properties"].contains(model_name("", member))) << member;
  }
}

TEST(ShapeMapping, ConvertsValuesAtAnyDepthAndKeepsData) {
  const json model = {
      {"ConnectorProfileProperties",
       {{"Salesforce", {{"InstanceUrl", "https://x"}, {"isSandboxEnvironment", true}}},
        {"CustomConnector",
         {{"ProfileProperties", {{"Region", "eu"}}},
          {"OAuth2Properties", {{"TokenUrlCustomProperties", {{"Aud", "x"}}}}}}}}},
      {"ConnectorProfileCredentials",
       {{"Pardot", {{"ConnectorOAuthRequest", {{"AuthCode", "c"}}}}}}}};
  std::string api_text;
  append_api_text(api_text, "ConnectorProfileConfig", model.dump());
  const json api = json::parse(api_text);
  const json expected = {
      {"connectorProfileProperties",
       {{"Salesforce", {{"instanceUrl", "https://x"}, {"isSandboxEnvironment", true}}},
        {"CustomConnector",
         {{"profileProperties", {{"Region", "eu"}}},
          {"oAuth2Properties", {{"tokenUrlCustomProperties", {{"Aud", "x"}}}}}}}}},
      {"connectorProfileCredentials", {{"Pardot", {{"oAuthRequest", {{"authCode", "c"}}}}}}}};
  EXPECT_EQ(api, expected);
  EXPECT_EQ(api_text, expected.dump());  // keys in the order the renamed names sort in
  EXPECT_EQ(to_model("ConnectorProfileConfig", api), model);
}

TEST(ShapeMapping, ApiTextIsTheConvertedTreeSerialized) {
  // Renames that change where a key sorts, data maps, arrays, escapes and numbers.
  const json model = json::parse(R"({
    "KMSArn": "arn:aws:kms:us-east-1:123456789012:key/k", "ConnectorLabel": "l\u00e9 \"q\"",
    "ConnectorProfileProperties": {"Zendesk": {"InstanceUrl": "https://z"},
      "CustomConnector": {"ProfileProperties": {"b": "2", "A": "1", "Zed": "3"},
        "OAuth2Properties": {"OAuth2GrantType": "CLIENT_CREDENTIALS",
          "TokenUrlCustomProperties": {"x": "1"}, "TokenUrl": "https://t"}},
      "SAPOData": {"PortNumber": 443, "LogonLanguage": "EN",
        "OAuthProperties": {"OAuthScopes": ["b", "a"], "AuthCodeUrl": "https://a"}}}})");
  std::string api_text;
  append_api_text(api_text, "ConnectorProfileConfig", model.dump());
  json expected = json::object();
  expected["kmsArn"] = model["KMSArn"];
  expected["connectorLabel"] = model["ConnectorLabel"];
  expected["connectorProfileProperties"] = {
      {"Zendesk", {{"instanceUrl", "https://z"}}},
      {"CustomConnector",
       {{"profileProperties", {{"b", "2"}, {"A", "1"}, {"Zed", "3"}}},
        {"oAuth2Properties",
         {{"oAuth2GrantType", "CLIENT_CREDENTIALS"},
          {"tokenUrlCustomProperties", {{"x", "1"}}},
          {"tokenUrl", "https://t"}}}}},
      {"SAPOData",
       {{"portNumber", 443},
        {"logonLanguage", "EN"},
        {"oAuthProperties", {{"oAuthScopes", {"b", "a"}}, {"authCodeUrl", "https://a"}}}}}};
  EXPECT_EQ(api_text, expected.dump());
}

TEST(ShapeMapping, DropsTheEmptyPropertiesBlockOfConnectorsTheSchemaLacks) {
  const json api = {
      {"connectorProfileProperties", {{"Amplitude", json::object()}}},
      {"connectorProfileCredentials", {{"Amplitude", {{"apiKey", "k"}, {"secretKey", "s"}}}}}};
  EXPECT_EQ(to_model("ConnectorProfileConfig", api),
            json({{"ConnectorProfileProperties", json::object()},
                  {"ConnectorProfileCredentials",
                   {{"Amplitude", {{"ApiKey", "k"}, {"SecretKey", "s"}}}}}}));
}

}  // namespace
}  // namespace ccemu::protocol::appflow_rest
