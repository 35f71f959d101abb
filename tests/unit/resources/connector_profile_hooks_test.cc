// ConnectorProfileHooks (resources/connector_profile_hooks.h): the AppFlow API rules behind the
// registry schema and the ARNs AppFlow generates.
#include "resources/connector_profile_hooks.h"

#include <gtest/gtest.h>

#include <optional>
#include <regex>
#include <string>

#include "common/id_generator.h"
#include "resources/hook_registry.h"

namespace ccemu::resources {
namespace {

using Refusal = std::optional<std::string>;

const char kPrefix[] = "Invalid request provided: ";

json salesforce_model(const std::string& name = "p1") {
  return {{"ConnectorProfileName", name},
          {"ConnectorType", "Salesforce"},
          {"ConnectionMode", "Public"},
          {"ConnectorProfileConfig",
           {{"ConnectorProfileProperties",
             {{"Salesforce", {{"InstanceUrl", "https://example.my.salesforce.com"}}}}},
            {"ConnectorProfileCredentials", {{"Salesforce", {{"AccessToken", "token"}}}}}}}};
}

json sapodata_model() {
  return {{"ConnectorProfileName", "sap"},
          {"ConnectorType", "SAPOData"},
          {"ConnectionMode", "Public"},
          {"ConnectorProfileConfig",
           {{"ConnectorProfileProperties",
             {{"SAPOData",
               {{"ApplicationHostUrl", "https://sap.example.com"},
                {"ApplicationServicePath", "/sap/opu/odata"},
                {"PortNumber", 443},
                {"ClientNumber", "100"},
                {"OAuthProperties",
                 {{"TokenUrl", "https://sap.example.com/token"},
                  {"AuthCodeUrl", "https://sap.example.com/auth"},
                  {"OAuthScopes", {"scope"}}}}}}}},
            {"ConnectorProfileCredentials",
             {{"SAPOData",
               {{"OAuthCredentials", {{"ClientId", "id"}, {"ClientSecret", "secret"}}}}}}}}}};
}

json custom_connector_model() {
  return {{"ConnectorProfileName", "custom"},
          {"ConnectorType", "CustomConnector"},
          {"ConnectorLabel", "ExampleConnector"},
          {"ConnectionMode", "Public"},
          {"ConnectorProfileConfig",
           {{"ConnectorProfileProperties",
             {{"CustomConnector",
               {{"OAuth2Properties",
                 {{"TokenUrl", "https://auth.example.com/token"},
                  {"OAuth2GrantType", "CLIENT_CREDENTIALS"}}}}}}}}}};
}

std::string null_clause(const std::string& member) {
  return "Value null at '" + member + "' failed to satisfy constraint: Member must not be null";
}

class ConnectorProfileServiceRules : public ::testing::Test {
 protected:
  Refusal check(const json& model) const { return hooks_->check_service_rules(model); }

  std::shared_ptr<const TypeHooks> hooks_ = make_connector_profile_hooks();
};

TEST_F(ConnectorProfileServiceRules, ValidModelsPass) {
  EXPECT_EQ(check(salesforce_model()), std::nullopt);
  EXPECT_EQ(check(sapodata_model()), std::nullopt);
  EXPECT_EQ(check(custom_connector_model()), std::nullopt);
}

TEST_F(ConnectorProfileServiceRules, ConnectorProfileConfigIsRequired) {
  json model = salesforce_model();
  model.erase("ConnectorProfileConfig");
  EXPECT_EQ(check(model), std::string(kPrefix) + "1 validation error detected: " +
                              null_clause("connectorProfileConfig"));
}

TEST_F(ConnectorProfileServiceRules, ForeignPropertiesKeyIsNamed) {
  json model = {{"ConnectorProfileName", "snowflake-with-salesforce-props"},
                {"ConnectorType", "Snowflake"},
                {"ConnectionMode", "Private"},
                {"ConnectorProfileConfig",
                 {{"ConnectorProfileProperties",
                   {{"Salesforce", {{"InstanceUrl", "https://example.my.salesforce.com"}}}}}}}};
  EXPECT_EQ(check(model),
            "Invalid request provided: ConnectorProfileConfig may hold properties and credentials "
            "for only one connector, the ConnectorType 'Snowflake'; remove the keys of other "
            "connectors: ConnectorProfileProperties [Salesforce]");
}

TEST_F(ConnectorProfileServiceRules, ForeignKeysInBothBlocksAreAllNamed) {
  json model = salesforce_model();
  model["ConnectorProfileConfig"]["ConnectorProfileProperties"]["Snowflake"] = json::object();
  model["ConnectorProfileConfig"]["ConnectorProfileCredentials"]["Datadog"] = json::object();
  model["ConnectorProfileConfig"]["ConnectorProfileCredentials"]["Zendesk"] = json::object();
  EXPECT_EQ(check(model),
            "Invalid request provided: ConnectorProfileConfig may hold properties and credentials "
            "for only one connector, the ConnectorType 'Salesforce'; remove the keys of other "
            "connectors: ConnectorProfileProperties [Snowflake], ConnectorProfileCredentials "
            "[Datadog, Zendesk]");
}

TEST_F(ConnectorProfileServiceRules, OwnConnectorKeyOnlyIsAccepted) {
  json model = salesforce_model();
  model["ConnectorProfileConfig"].erase("ConnectorProfileCredentials");
  EXPECT_EQ(check(model), std::nullopt);
  model["ConnectorProfileConfig"] = json::object();
  EXPECT_EQ(check(model), std::nullopt);
}

TEST_F(ConnectorProfileServiceRules, NameMustMatchTheApiPatternAsAWholeString) {
  for (const std::string name : {"my profile", "profile$", " p1", "p1 "}) {
    SCOPED_TRACE(name);
    EXPECT_EQ(check(salesforce_model(name)),
              std::string(kPrefix) + "1 validation error detected: Value '" + name +
                  "' at 'connectorProfileName' failed to satisfy constraint: Member must satisfy "
                  "regular expression pattern: [\\w/!@#+=.-]+");
  }
}

TEST_F(ConnectorProfileServiceRules, NamesOfAllowedCharactersPass) {
  for (const std::string name : {"p1", "a/b!c@d#e+f=g.h-i_j", "UPPER_lower_09"}) {
    SCOPED_TRACE(name);
    EXPECT_EQ(check(salesforce_model(name)), std::nullopt);
  }
}

TEST_F(ConnectorProfileServiceRules, LabelMustMatchTheApiPatternAsAWholeString) {
  for (const std::string label : {"-label", "my label", "a", "label$"}) {
    SCOPED_TRACE(label);
    json model = custom_connector_model();
    model["ConnectorLabel"] = label;
    EXPECT_EQ(check(model), std::string(kPrefix) + "1 validation error detected: Value '" + label +
                                "' at 'connectorLabel' failed to satisfy constraint: Member must "
                                "satisfy regular expression pattern: [a-zA-Z0-9][\\w!@#.-]+");
  }
}

TEST_F(ConnectorProfileServiceRules, LabelsOfAllowedCharactersPass) {
  for (const std::string label : {"ab", "Example_Connector.v1-2", "9!@#"}) {
    SCOPED_TRACE(label);
    json model = custom_connector_model();
    model["ConnectorLabel"] = label;
    EXPECT_EQ(check(model), std::nullopt);
  }
}

TEST_F(ConnectorProfileServiceRules, CustomConnectorNeedsALabel) {
  json model = custom_connector_model();
  model.erase("ConnectorLabel");
  EXPECT_EQ(check(model),
            std::string(kPrefix) +
                "1 validation error detected: Value null at 'connectorLabel' failed to "
                "satisfy constraint: Member must not be null for connector type "
                "CUSTOMCONNECTOR");
}

TEST_F(ConnectorProfileServiceRules, SapODataPropertiesNeedTheApiRequiredMembers) {
  json model = sapodata_model();
  model["ConnectorProfileConfig"]["ConnectorProfileProperties"]["SAPOData"] = json::object();
  const std::string base = "connectorProfileConfig.connectorProfileProperties.sapoData.";
  EXPECT_EQ(check(model),
            std::string(kPrefix) +
                "4 validation errors detected: " + null_clause(base + "applicationHostUrl") + "; " +
                null_clause(base + "applicationServicePath") + "; " +
                null_clause(base + "portNumber") + "; " + null_clause(base + "clientNumber"));
}

TEST_F(ConnectorProfileServiceRules, SapODataOAuthPropertiesNeedTheApiRequiredMembers) {
  json model = sapodata_model();
  model["ConnectorProfileConfig"]["ConnectorProfileProperties"]["SAPOData"]["OAuthProperties"] =
      json::object();
  const std::string base =
      "connectorProfileConfig.connectorProfileProperties.sapoData.oAuthProperties.";
  EXPECT_EQ(check(model), std::string(kPrefix) +
                              "3 validation errors detected: " + null_clause(base + "tokenUrl") +
                              "; " + null_clause(base + "authCodeUrl") + "; " +
                              null_clause(base + "oAuthScopes"));
}

TEST_F(ConnectorProfileServiceRules, SapODataOAuthPropertiesAreOptional) {
  json model = sapodata_model();
  model["ConnectorProfileConfig"]["ConnectorProfileProperties"]["SAPOData"].erase(
      "OAuthProperties");
  EXPECT_EQ(check(model), std::nullopt);
}

TEST_F(ConnectorProfileServiceRules, SapODataOAuthCredentialsNeedClientIdAndSecret) {
  json model = sapodata_model();
  model["ConnectorProfileConfig"]["ConnectorProfileCredentials"]["SAPOData"]["OAuthCredentials"] = {
      {"AccessToken", "token"}};
  const std::string base =
      "connectorProfileConfig.connectorProfileCredentials.sapoData.oAuthCredentials.";
  EXPECT_EQ(check(model), std::string(kPrefix) +
                              "2 validation errors detected: " + null_clause(base + "clientId") +
                              "; " + null_clause(base + "clientSecret"));
}

TEST_F(ConnectorProfileServiceRules, CustomConnectorOAuth2PropertiesNeedTokenUrlAndGrantType) {
  json model = custom_connector_model();
  model["ConnectorProfileConfig"]["ConnectorProfileProperties"]["CustomConnector"]
       ["OAuth2Properties"] = json::object();
  const std::string base =
      "connectorProfileConfig.connectorProfileProperties.customConnector.oAuth2Properties.";
  EXPECT_EQ(check(model), std::string(kPrefix) +
                              "2 validation errors detected: " + null_clause(base + "tokenUrl") +
                              "; " + null_clause(base + "oAuth2GrantType"));
}

TEST_F(ConnectorProfileServiceRules, MemberRulesAreReportedBeforeForeignKeys) {
  json model = salesforce_model("bad name");
  model["ConnectorProfileConfig"]["ConnectorProfileProperties"]["Snowflake"] = json::object();
  EXPECT_EQ(check(model),
            std::string(kPrefix) +
                "1 validation error detected: Value 'bad name' at 'connectorProfileName' "
                "failed to satisfy constraint: Member must satisfy regular expression "
                "pattern: [\\w/!@#+=.-]+");
}

TEST_F(ConnectorProfileServiceRules, SeveralMemberRulesAreReportedTogether) {
  json model = custom_connector_model();
  model["ConnectorProfileName"] = "bad name";
  model.erase("ConnectorLabel");
  model.erase("ConnectorProfileConfig");
  EXPECT_EQ(check(model),
            std::string(kPrefix) +
                "3 validation errors detected: Value 'bad name' at "
                "'connectorProfileName' failed to satisfy constraint: Member must "
                "satisfy regular expression pattern: [\\w/!@#+=.-]+; Value null at "
                "'connectorLabel' failed to satisfy constraint: Member must not be null "
                "for connector type CUSTOMCONNECTOR; " +
                null_clause("connectorProfileConfig"));
}

TEST_F(ConnectorProfileServiceRules, LongNameIsCheckedWithoutCrashing) {
  // The schema refuses names over 256 characters before the hooks run; the hook must still cope.
  EXPECT_EQ(check(salesforce_model(std::string(5000, 'a'))), std::nullopt);
}

// ---------------------------------------------------------------------------------------------

class ConnectorProfileArns : public ::testing::Test {
 protected:
  json generate(const std::string& name, uint64_t seed) const {
    json model = salesforce_model(name);
    IdGenerator ids(seed);
    hooks_->generate_read_only(model, {account_, region_, 1700000000123, ids});
    return model;
  }

  std::shared_ptr<const TypeHooks> hooks_ = make_connector_profile_hooks();
  const std::string account_ = "111122223333";
  const std::string region_ = "eu-west-3";
};

TEST_F(ConnectorProfileArns, ConnectorProfileArn) {
  EXPECT_EQ(generate("p1", 7)["ConnectorProfileArn"],
            "arn:aws:appflow:eu-west-3:111122223333:connectorprofile/p1");
}

TEST_F(ConnectorProfileArns, CredentialsArnNamesTheAppFlowSecret) {
  const std::string arn = generate("p1", 7)["CredentialsArn"].get<std::string>();
  EXPECT_TRUE(std::regex_match(
      arn,
      std::regex(
          R"(arn:aws:secretsmanager:eu-west-3:111122223333:secret:appflow!111122223333-p1-1700000000123-[A-Za-z0-9]{6})")))
      << arn;
}

TEST_F(ConnectorProfileArns, CredentialsArnSuffixComesFromTheIdGenerator) {
  IdGenerator expected(7);
  const std::string suffix = expected.alphanumeric(6);
  EXPECT_EQ(generate("p1", 7)["CredentialsArn"],
            "arn:aws:secretsmanager:eu-west-3:111122223333:secret:appflow!111122223333-p1-"
            "1700000000123-" +
                suffix);
  EXPECT_EQ(generate("p1", 7)["CredentialsArn"], generate("p1", 7)["CredentialsArn"]);
}

TEST_F(ConnectorProfileArns, OtherPropertiesAreLeftAlone) {
  json model = generate("p1", 7);
  model.erase("ConnectorProfileArn");
  model.erase("CredentialsArn");
  EXPECT_EQ(model, salesforce_model("p1"));
}

TEST(HookRegistry, ConnectorProfileHasItsHooks) {
  auto hooks = hooks_for("AWS::AppFlow::ConnectorProfile");
  json model = salesforce_model();
  model.erase("ConnectorProfileConfig");
  EXPECT_NE(hooks->check_service_rules(model), std::nullopt);
}

TEST(HookRegistry, OtherTypesGetNoOpHooks) {
  auto hooks = hooks_for("AWS::S3::Bucket");
  json model = {{"BucketName", "b"}};
  EXPECT_EQ(hooks->check_service_rules(model), std::nullopt);
  IdGenerator ids(1);
  const std::string account = "123456789012", region = "us-east-1";
  hooks->generate_read_only(model, {account, region, 0, ids});
  EXPECT_EQ(model, (json{{"BucketName", "b"}}));
}

}  // namespace
}  // namespace ccemu::resources
