// ResourceSchema (schema/resource_schema.h) on AWS::AppFlow::ConnectorProfile: our copy of the
// schema against the published one, and the everit-style clauses validate() reports.
#include "schema/resource_schema.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace ccemu::schema {
namespace {

const char kOurSchema[] = CCEMU_SOURCE_DIR "/schema/AWS-AppFlow-ConnectorProfile.json";
const char kPublishedSchema[] = CCEMU_SHARED_DIR "/schema/AWS-AppFlow-ConnectorProfile.json";
const char kCorpus[] = CCEMU_SOURCE_DIR "/tests/unit/schema/connector_profile_corpus.json";

using Clauses = std::vector<std::string>;

json read_json(const std::string& path) {
  std::ifstream in(path);
  return json::parse(in);
}

const json& corpus() {
  static const json kCorpusJson = read_json(kCorpus);
  return kCorpusJson;
}

json corpus_model(const std::string& name) {
  for (const json& entry : corpus()) {
    if (entry["name"] == name) return entry["model"];
  }
  ADD_FAILURE() << "no corpus entry " << name;
  return json::object();
}

std::vector<std::string> pointers(const std::vector<json::json_pointer>& list) {
  std::vector<std::string> out;
  for (const auto& pointer : list) out.push_back(pointer.to_string());
  return out;
}

std::shared_ptr<const ResourceSchema> published() {
  return ResourceSchema::load(kOurSchema, Strictness::kPublished);
}

std::shared_ptr<const ResourceSchema> wrapper() {
  return ResourceSchema::load(kOurSchema, Strictness::kWrapper);
}

json minimal_model() {
  return {{"ConnectorProfileName", "p1"},
          {"ConnectorType", "Salesforce"},
          {"ConnectionMode", "Public"}};
}

const char kSapProperties[] = "/ConnectorProfileConfig/ConnectorProfileProperties/SAPOData";

// ---------------------------------------------------------------------------------------------
// Our schema and the published reference schema are equivalent.

class PublishedSchemaEquivalence : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kPublishedSchema)) {
      GTEST_SKIP() << "../shared is absent: no published schema at " << kPublishedSchema;
    }
    ours_ = ResourceSchema::load(kOurSchema, Strictness::kPublished);
    reference_ = ResourceSchema::load(kPublishedSchema, Strictness::kPublished);
  }

  std::shared_ptr<const ResourceSchema> ours_, reference_;
};

TEST_F(PublishedSchemaEquivalence, SameTypeName) {
  EXPECT_EQ(ours_->type_name(), "AWS::AppFlow::ConnectorProfile");
  EXPECT_EQ(ours_->type_name(), reference_->type_name());
}

TEST_F(PublishedSchemaEquivalence, SamePrimaryIdentifier) {
  EXPECT_EQ(pointers(ours_->primary_identifier()),
            std::vector<std::string>{"/ConnectorProfileName"});
  EXPECT_EQ(pointers(ours_->primary_identifier()), pointers(reference_->primary_identifier()));
}

TEST_F(PublishedSchemaEquivalence, SameReadOnlyProperties) {
  EXPECT_EQ(pointers(ours_->read_only()),
            (std::vector<std::string>{"/ConnectorProfileArn", "/CredentialsArn"}));
  EXPECT_EQ(pointers(ours_->read_only()), pointers(reference_->read_only()));
}

TEST_F(PublishedSchemaEquivalence, SameWriteOnlyProperties) {
  EXPECT_EQ(pointers(ours_->write_only()),
            (std::vector<std::string>{"/ConnectorProfileConfig", "/KMSArn"}));
  EXPECT_EQ(pointers(ours_->write_only()), pointers(reference_->write_only()));
}

TEST_F(PublishedSchemaEquivalence, SameCreateOnlyProperties) {
  EXPECT_EQ(
      pointers(ours_->create_only()),
      (std::vector<std::string>{"/ConnectorProfileName", "/ConnectorType", "/ConnectorLabel"}));
  EXPECT_EQ(pointers(ours_->create_only()), pointers(reference_->create_only()));
}

TEST_F(PublishedSchemaEquivalence, SameHandlers) {
  for (const std::string handler : {"create", "read", "update", "delete", "list"}) {
    SCOPED_TRACE(handler);
    EXPECT_TRUE(ours_->has_handler(handler));
    EXPECT_TRUE(reference_->has_handler(handler));
  }
  EXPECT_FALSE(ours_->has_handler("bogus"));
  EXPECT_FALSE(reference_->has_handler("bogus"));
  ASSERT_TRUE(ours_->document().contains("handlers"));
  ASSERT_TRUE(reference_->document().contains("handlers"));
  std::vector<std::string> our_names, reference_names;
  for (const auto& [name, _] : ours_->document()["handlers"].items()) our_names.push_back(name);
  for (const auto& [name, _] : reference_->document()["handlers"].items()) {
    reference_names.push_back(name);
  }
  EXPECT_EQ(our_names, reference_names);
}

TEST_F(PublishedSchemaEquivalence, SameVerdictOnEveryCorpusEntry) {
  ASSERT_TRUE(corpus().is_array());
  ASSERT_GE(corpus().size(), 40u);
  for (const json& entry : corpus()) {
    const std::string name = entry.at("name").get<std::string>();
    SCOPED_TRACE(name);
    const bool valid = entry.at("valid").get<bool>();
    const Clauses our_clauses = ours_->validate(entry.at("model"));
    const Clauses reference_clauses = reference_->validate(entry.at("model"));
    EXPECT_EQ(our_clauses.empty(), valid) << ::testing::PrintToString(our_clauses);
    EXPECT_EQ(reference_clauses.empty(), valid) << ::testing::PrintToString(reference_clauses);
  }
}

// ---------------------------------------------------------------------------------------------
// Loading.

TEST(ResourceSchemaLoad, MissingFileIsASchemaLoadErrorNamingTheFile) {
  const std::string path = CCEMU_SOURCE_DIR "/schema/does-not-exist.json";
  try {
    ResourceSchema::load(path, Strictness::kPublished);
    FAIL() << "expected SchemaLoadError";
  } catch (const SchemaLoadError& e) {
    EXPECT_EQ(std::string(e.what()), path + ": cannot be read");
  }
}

TEST(ResourceSchemaLoad, WrapperStrictnessKeepsThePropertyRoles) {
  auto strict = wrapper();
  EXPECT_EQ(strict->type_name(), "AWS::AppFlow::ConnectorProfile");
  EXPECT_EQ(pointers(strict->primary_identifier()), pointers(published()->primary_identifier()));
  EXPECT_EQ(pointers(strict->write_only()), pointers(published()->write_only()));
}

// ---------------------------------------------------------------------------------------------
// Strictness: the handler wrapper refuses unknown keys at any depth; the published schema does
// not below the top level.

TEST(ResourceSchemaStrictness, WrapperRejectsUnknownKeyInSalesforceProperties) {
  const json model = corpus_model("UnknownKeyInSalesforcePropertiesAccepted");
  EXPECT_EQ(wrapper()->validate(model),
            Clauses{"#/ConnectorProfileConfig/ConnectorProfileProperties/Salesforce: "
                    "extraneous key [Bogus] is not permitted"});
}

TEST(ResourceSchemaStrictness, PublishedAcceptsUnknownKeyInSalesforceProperties) {
  const json model = corpus_model("UnknownKeyInSalesforcePropertiesAccepted");
  EXPECT_EQ(published()->validate(model), Clauses{});
}

TEST(ResourceSchemaStrictness, BothRejectUnknownTopLevelKey) {
  json model = minimal_model();
  model["Foo"] = "bar";
  EXPECT_EQ(wrapper()->validate(model), Clauses{"#: extraneous key [Foo] is not permitted"});
  EXPECT_EQ(published()->validate(model), Clauses{"#: extraneous key [Foo] is not permitted"});
}

TEST(ResourceSchemaStrictness, WrapperRejectsUnknownKeyInConnectorProfileConfig) {
  json model = minimal_model();
  model["ConnectorProfileConfig"] = {{"Bogus", 1}};
  EXPECT_EQ(wrapper()->validate(model),
            Clauses{"#/ConnectorProfileConfig: extraneous key [Bogus] is not permitted"});
  EXPECT_EQ(published()->validate(model), Clauses{});
}

TEST(ResourceSchemaStrictness, WrapperStillAcceptsFreeFormMaps) {
  // CredentialsMap, ProfileProperties and TokenUrlCustomProperties are maps, not fixed objects.
  EXPECT_EQ(wrapper()->validate(corpus_model("CustomAuthCredentialsMap")), Clauses{});
  EXPECT_EQ(wrapper()->validate(corpus_model("ValidCustomConnector")), Clauses{});
}

TEST(ResourceSchemaStrictness, WrapperAgreesWithTheCorpusExceptForUnknownNestedKeys) {
  for (const json& entry : corpus()) {
    const std::string name = entry.at("name").get<std::string>();
    SCOPED_TRACE(name);
    const bool expected =
        name == "UnknownKeyInSalesforcePropertiesAccepted" ? false : entry.at("valid").get<bool>();
    EXPECT_EQ(wrapper()->validate(entry.at("model")).empty(), expected);
  }
}

// ---------------------------------------------------------------------------------------------
// Clause formats (everit style, as CloudFormation reports them).

TEST(ResourceSchemaClauses, ValidModelHasNoClauses) {
  EXPECT_EQ(wrapper()->validate(minimal_model()), Clauses{});
  EXPECT_EQ(wrapper()->validate(corpus_model("ValidSAPOData")), Clauses{});
}

TEST(ResourceSchemaClauses, RequiredKeyNotFound) {
  json model = minimal_model();
  model.erase("ConnectionMode");
  EXPECT_EQ(wrapper()->validate(model), Clauses{"#: required key [ConnectionMode] not found"});
}

TEST(ResourceSchemaClauses, NestedRequiredKeyNotFound) {
  json model = minimal_model();
  model["ConnectorType"] = "Datadog";
  model["ConnectorProfileConfig"]["ConnectorProfileCredentials"]["Datadog"] = {{"ApiKey", "k"}};
  EXPECT_EQ(wrapper()->validate(model),
            Clauses{"#/ConnectorProfileConfig/ConnectorProfileCredentials/Datadog: "
                    "required key [ApplicationKey] not found"});
}

TEST(ResourceSchemaClauses, EveryMissingRequiredKeyIsReported) {
  const Clauses clauses = wrapper()->validate(json::object());
  EXPECT_EQ(clauses.size(), 3u) << ::testing::PrintToString(clauses);
  for (const std::string key : {"ConnectorProfileName", "ConnectionMode", "ConnectorType"}) {
    EXPECT_NE(std::find(clauses.begin(), clauses.end(), "#: required key [" + key + "] not found"),
              clauses.end())
        << key;
  }
}

TEST(ResourceSchemaClauses, EnumValue) {
  json model = minimal_model();
  model["ConnectionMode"] = "public";
  EXPECT_EQ(wrapper()->validate(model),
            Clauses{"#/ConnectionMode: public is not a valid enum value"});
}

TEST(ResourceSchemaClauses, EnumValueOfReferencedDefinition) {
  json model = minimal_model();
  model["ConnectorType"] = "S3";
  EXPECT_EQ(wrapper()->validate(model), Clauses{"#/ConnectorType: S3 is not a valid enum value"});
}

TEST(ResourceSchemaClauses, Pattern) {
  json model = minimal_model();
  model["ConnectorProfileName"] = "$$$";
  EXPECT_EQ(wrapper()->validate(model),
            Clauses{"#/ConnectorProfileName: string [$$$] does not match pattern [\\w/!@#+=.-]+"});
}

TEST(ResourceSchemaClauses, SchemaPatternsAreUnanchored) {
  json model = minimal_model();
  model["ConnectorProfileName"] = "my profile";
  EXPECT_EQ(wrapper()->validate(model), Clauses{});
}

TEST(ResourceSchemaClauses, MaxLength) {
  json model = minimal_model();
  model["ConnectorProfileName"] = std::string(257, 'a');
  EXPECT_EQ(wrapper()->validate(model),
            Clauses{"#/ConnectorProfileName: expected maxLength: 256, actual: 257"});
  model["ConnectorProfileName"] = std::string(256, 'a');
  EXPECT_EQ(wrapper()->validate(model), Clauses{});
}

TEST(ResourceSchemaClauses, HugeStringIsReportedByLengthWithoutCrashing) {
  json model = minimal_model();
  model["ConnectorProfileName"] = std::string(300000, 'a');
  EXPECT_EQ(wrapper()->validate(model),
            Clauses{"#/ConnectorProfileName: expected maxLength: 256, actual: 300000"});
  EXPECT_EQ(published()->validate(model),
            Clauses{"#/ConnectorProfileName: expected maxLength: 256, actual: 300000"});
}

TEST(ResourceSchemaClauses, MaxLengthCountsCodePointsNotBytes) {
  json model = minimal_model();
  std::string name;
  for (int i = 0; i < 256; ++i) name += "\xc3\xa9";  // é: 2 bytes, 1 code point
  model["ConnectorProfileName"] = "a" + name;
  EXPECT_EQ(wrapper()->validate(model),
            Clauses{"#/ConnectorProfileName: expected maxLength: 256, actual: 257"});
}

TEST(ResourceSchemaClauses, MaxLengthInsideArrayItems) {
  json model = corpus_model("ValidSAPOData");
  model["ConnectorProfileConfig"]["ConnectorProfileProperties"]["SAPOData"]["OAuthProperties"]
       ["OAuthScopes"] = {"ok", std::string(129, 'b')};
  EXPECT_EQ(wrapper()->validate(model),
            Clauses{std::string("#") + kSapProperties +
                    "/OAuthProperties/OAuthScopes/1: expected maxLength: 128, actual: 129"});
}

const char kCredentialsMap[] =
    "/ConnectorProfileConfig/ConnectorProfileCredentials/CustomConnector/Custom/CredentialsMap";
const char kProfileProperties[] =
    "/ConnectorProfileConfig/ConnectorProfileProperties/CustomConnector/ProfileProperties";

TEST(ResourceSchemaClauses, MaxLengthOfMapValue) {
  // Map values are typed through patternProperties (CredentialsMap: maxLength 2048).
  json model = corpus_model("CustomAuthCredentialsMap");
  model[json::json_pointer(kCredentialsMap)]["signing_key"] = std::string(3000, 'x');
  EXPECT_EQ(wrapper()->validate(model),
            Clauses{std::string("#") + kCredentialsMap +
                    "/signing_key: expected maxLength: 2048, actual: 3000"});
}

TEST(ResourceSchemaClauses, MaxLengthOfProfilePropertiesValue) {
  json model = corpus_model("ValidCustomConnector");
  model[json::json_pointer(kProfileProperties)]["instanceUrl"] = std::string(2049, 'u');
  EXPECT_EQ(wrapper()->validate(model),
            Clauses{std::string("#") + kProfileProperties +
                    "/instanceUrl: expected maxLength: 2048, actual: 2049"});
}

TEST(ResourceSchemaClauses, MapKeyOutsideItsPatternIsExtraneous) {
  json model = corpus_model("CustomAuthCredentialsMap");
  model[json::json_pointer(kCredentialsMap)]["bad key"] = "v";
  EXPECT_EQ(wrapper()->validate(model), Clauses{std::string("#") + kCredentialsMap +
                                                ": extraneous key [bad key] is not permitted"});
}

// A std::regex over a string of this size overflows the stack, so these run in a child process:
// a crash fails the test instead of ending the test run.
TEST(ResourceSchemaLimitsDeathTest, HugeCredentialsMapValueIsReportedByLengthWithoutCrashing) {
  json model = corpus_model("CustomAuthCredentialsMap");
  model[json::json_pointer(kCredentialsMap)]["signing_key"] = std::string(250000, 'x');
  const Clauses expected{std::string("#") + kCredentialsMap +
                         "/signing_key: expected maxLength: 2048, actual: 250000"};
  auto schema = wrapper();
  EXPECT_EXIT(std::exit(schema->validate(model) == expected ? 0 : 1), ::testing::ExitedWithCode(0),
              "");
}

TEST(ResourceSchemaLimitsDeathTest, HugeProfilePropertiesValueIsReportedByLengthWithoutCrashing) {
  json model = corpus_model("ValidCustomConnector");
  model[json::json_pointer(kProfileProperties)]["instanceUrl"] = std::string(250000, 'u');
  const Clauses expected{std::string("#") + kProfileProperties +
                         "/instanceUrl: expected maxLength: 2048, actual: 250000"};
  auto schema = wrapper();
  EXPECT_EXIT(std::exit(schema->validate(model) == expected ? 0 : 1), ::testing::ExitedWithCode(0),
              "");
}

TEST(ResourceSchemaLimitsDeathTest, HugeMapKeyIsRefusedWithoutCrashing) {
  json model = corpus_model("CustomAuthCredentialsMap");
  model[json::json_pointer(kCredentialsMap)] = {{std::string(250000, 'k'), "v"}};
  auto schema = wrapper();
  EXPECT_EXIT(std::exit(schema->validate(model).size() == 1 ? 0 : 1), ::testing::ExitedWithCode(0),
              "");
}

TEST(ResourceSchemaClauses, MinLength) {
  json model = minimal_model();
  model["KMSArn"] = "arn:aws:kms:x:1:k";
  EXPECT_EQ(wrapper()->validate(model), Clauses{"#/KMSArn: expected minLength: 20, actual: 17"});
}

TEST(ResourceSchemaClauses, TypeIntegerWhereStringExpected) {
  json model = minimal_model();
  model["ConnectorProfileName"] = 5;
  EXPECT_EQ(wrapper()->validate(model),
            Clauses{"#/ConnectorProfileName: expected type: String, found: Integer"});
}

TEST(ResourceSchemaClauses, TypeStringWhereIntegerExpected) {
  json model = corpus_model("ValidSAPOData");
  model["ConnectorProfileConfig"]["ConnectorProfileProperties"]["SAPOData"]["PortNumber"] = "443";
  EXPECT_EQ(wrapper()->validate(model),
            Clauses{std::string("#") + kSapProperties +
                    "/PortNumber: expected type: Integer, found: String"});
}

TEST(ResourceSchemaClauses, TypeStringWhereObjectExpected) {
  json model = minimal_model();
  model["ConnectorProfileConfig"] = "config";
  EXPECT_EQ(wrapper()->validate(model),
            Clauses{"#/ConnectorProfileConfig: expected type: JSONObject, found: String"});
}

TEST(ResourceSchemaClauses, PortNumberAboveMaximum) {
  json model = corpus_model("ValidSAPOData");
  model["ConnectorProfileConfig"]["ConnectorProfileProperties"]["SAPOData"]["PortNumber"] = 70000;
  EXPECT_EQ(wrapper()->validate(model),
            Clauses{std::string("#") + kSapProperties +
                    "/PortNumber: 70000 is not less or equal to 65535"});
}

TEST(ResourceSchemaClauses, PortNumberBelowMinimum) {
  json model = corpus_model("ValidSAPOData");
  model["ConnectorProfileConfig"]["ConnectorProfileProperties"]["SAPOData"]["PortNumber"] = 0;
  EXPECT_EQ(wrapper()->validate(model), Clauses{std::string("#") + kSapProperties +
                                                "/PortNumber: 0 is not greater or equal to 1"});
}

TEST(ResourceSchemaClauses, PortNumberBoundsAreInclusive) {
  json model = corpus_model("ValidSAPOData");
  for (int port : {1, 65535}) {
    model["ConnectorProfileConfig"]["ConnectorProfileProperties"]["SAPOData"]["PortNumber"] = port;
    EXPECT_EQ(wrapper()->validate(model), Clauses{}) << port;
  }
}

TEST(ResourceSchemaClauses, UniqueItems) {
  json model = corpus_model("ValidSAPOData");
  model["ConnectorProfileConfig"]["ConnectorProfileProperties"]["SAPOData"]["OAuthProperties"]
       ["OAuthScopes"] = {"a", "a"};
  EXPECT_EQ(wrapper()->validate(model),
            Clauses{std::string("#") + kSapProperties +
                    "/OAuthProperties/OAuthScopes: array items are not unique"});
}

TEST(ResourceSchemaClauses, SeveralViolationsGiveOneClauseEach) {
  json model = minimal_model();
  model["ConnectionMode"] = "public";
  model["ConnectorType"] = "S3";
  const Clauses clauses = wrapper()->validate(model);
  EXPECT_EQ(clauses.size(), 2u) << ::testing::PrintToString(clauses);
  EXPECT_NE(std::find(clauses.begin(), clauses.end(),
                      "#/ConnectionMode: public is not a valid enum value"),
            clauses.end());
  EXPECT_NE(
      std::find(clauses.begin(), clauses.end(), "#/ConnectorType: S3 is not a valid enum value"),
      clauses.end());
}

TEST(ResourceSchemaClauses, ValidationIsRepeatable) {
  // The validator caches per thread; a second run must give the same answer.
  auto schema = wrapper();
  json model = minimal_model();
  model["ConnectionMode"] = "public";
  EXPECT_EQ(schema->validate(model), schema->validate(model));
  EXPECT_EQ(schema->validate(minimal_model()), Clauses{});
}

}  // namespace
}  // namespace ccemu::schema
