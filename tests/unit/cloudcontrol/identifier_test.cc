// Identifier forms: plain ("p1", compound "a|b") and JSON ('{"ConnectorProfileName":"p1"}'),
// spec §5.5.

#include "cloudcontrol/identifier.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "common/api_error.h"

namespace {

using ccemu::ApiError;
using ccemu::ErrorCode;
using ccemu::cloudcontrol::canonical_identifier;
using ccemu::cloudcontrol::identifier_of;
using ccemu::schema::ResourceSchema;
using ccemu::schema::Strictness;
using nlohmann::json;

const ResourceSchema& profile_schema() {
  static const std::shared_ptr<const ResourceSchema> schema = ResourceSchema::load(
      CCEMU_SOURCE_DIR "/schema/AWS-AppFlow-ConnectorProfile.json", Strictness::kWrapper);
  return *schema;
}

// A type whose primary identifier has two parts, in the order Parent, Child.
const ResourceSchema& compound_schema() {
  static const std::shared_ptr<const ResourceSchema> schema = [] {
    const auto file =
        std::filesystem::path(testing::TempDir()) / "ccemu-identifier-test-compound.json";
    std::ofstream(file) << json({
                                    {"typeName", "Test::Compound::Thing"},
                                    {"properties",
                                     {{"Parent", {{"type", "string"}}},
                                      {"Child", {{"type", "string"}}},
                                      {"Size", {{"type", "integer"}}}}},
                                    {"primaryIdentifier",
                                     {"/properties/Parent", "/properties/Child"}},
                                    {"additionalProperties", false},
                                })
                               .dump();
    return ResourceSchema::load(file, Strictness::kWrapper);
  }();
  return *schema;
}

// The ApiError canonical_identifier raises; a test failure when it raises none.
ApiError refusal(const ResourceSchema& schema, const std::string& given) {
  try {
    std::string accepted = canonical_identifier(schema, given);
    ADD_FAILURE() << "'" << given << "' was accepted as '" << accepted << "'";
  } catch (const ApiError& e) {
    return e;
  }
  return ApiError(ErrorCode::kInternalFailure, "");
}

std::string profile_refusal_message(const std::string& given) {
  return "Identifier '" + given +
         "' is not a valid identifier for type 'AWS::AppFlow::ConnectorProfile': give the primary "
         "identifier [ConnectorProfileName] as plain text (values joined by '|') or as a JSON "
         "object.";
}

// --- identifier_of ----------------------------------------------------------------------------

TEST(IdentifierOf, IsThePrimaryIdentifierValue) {
  EXPECT_EQ(identifier_of(profile_schema(),
                          {{"ConnectorProfileName", "p1"}, {"ConnectorType", "Datadog"}}),
            "p1");
}

TEST(IdentifierOf, EmptyWhenThePrimaryIdentifierIsMissing) {
  EXPECT_EQ(identifier_of(profile_schema(), {{"ConnectorType", "Datadog"}}), "");
}

TEST(IdentifierOf, CompoundValuesAreJoinedWithBarInSchemaOrder) {
  EXPECT_EQ(identifier_of(compound_schema(), {{"Child", "c"}, {"Parent", "p"}}), "p|c");
}

TEST(IdentifierOf, CompoundIsEmptyWhenAnyPartIsMissing) {
  EXPECT_EQ(identifier_of(compound_schema(), {{"Parent", "p"}}), "");
}

// --- plain form -------------------------------------------------------------------------------

TEST(CanonicalIdentifier, PlainFormIsReturnedAsGiven) {
  EXPECT_EQ(canonical_identifier(profile_schema(), "p1"), "p1");
}

TEST(CanonicalIdentifier, PlainFormKeepsPunctuationOfTheNamePattern) {
  EXPECT_EQ(canonical_identifier(profile_schema(), "team/a@b#c+d=e.f-g_h!"),
            "team/a@b#c+d=e.f-g_h!");
}

TEST(CanonicalIdentifier, CompoundPlainFormIsReturnedAsGiven) {
  EXPECT_EQ(canonical_identifier(compound_schema(), "p|c"), "p|c");
}

TEST(CanonicalIdentifier, CompoundPlainFormWithTooFewPartsIsInvalidRequest) {
  ApiError e = refusal(compound_schema(), "p");
  EXPECT_EQ(e.code(), ErrorCode::kInvalidRequest);
  EXPECT_EQ(std::string(e.what()),
            "Identifier 'p' is not a valid identifier for type 'Test::Compound::Thing': give the "
            "primary identifier [Parent, Child] as plain text (values joined by '|') or as a JSON "
            "object.");
}

TEST(CanonicalIdentifier, CompoundPlainFormWithTooManyPartsIsInvalidRequest) {
  EXPECT_EQ(refusal(compound_schema(), "a|b|c").code(), ErrorCode::kInvalidRequest);
}

// --- JSON form --------------------------------------------------------------------------------

TEST(CanonicalIdentifier, JsonFormGivesThePlainForm) {
  EXPECT_EQ(canonical_identifier(profile_schema(), R"({"ConnectorProfileName":"p1"})"), "p1");
}

TEST(CanonicalIdentifier, JsonFormMayCarryWhitespace) {
  EXPECT_EQ(canonical_identifier(profile_schema(), R"({ "ConnectorProfileName" : "p1" })"), "p1");
}

TEST(CanonicalIdentifier, CompoundJsonFormKeysMayComeInAnyOrder) {
  EXPECT_EQ(canonical_identifier(compound_schema(), R"({"Child":"c","Parent":"p"})"), "p|c");
  EXPECT_EQ(canonical_identifier(compound_schema(), R"({"Parent":"p","Child":"c"})"), "p|c");
}

TEST(CanonicalIdentifier, JsonFormWithAnotherPropertyIsInvalidRequest) {
  const std::string given = R"({"ConnectorType":"Datadog"})";
  ApiError e = refusal(profile_schema(), given);
  EXPECT_EQ(e.code(), ErrorCode::kInvalidRequest);
  EXPECT_EQ(std::string(e.what()), profile_refusal_message(given));
}

TEST(CanonicalIdentifier, JsonFormKeysAreCaseSensitive) {
  const std::string given = R"({"connectorProfileName":"p1"})";
  ApiError e = refusal(profile_schema(), given);
  EXPECT_EQ(e.code(), ErrorCode::kInvalidRequest);
  EXPECT_EQ(std::string(e.what()), profile_refusal_message(given));
}

TEST(CanonicalIdentifier, JsonFormWithAnExtraKeyIsInvalidRequest) {
  EXPECT_EQ(refusal(profile_schema(), R"({"ConnectorProfileName":"p1","ConnectorType":"Datadog"})")
                .code(),
            ErrorCode::kInvalidRequest);
}

TEST(CanonicalIdentifier, EmptyJsonObjectIsInvalidRequest) {
  EXPECT_EQ(refusal(profile_schema(), "{}").code(), ErrorCode::kInvalidRequest);
}

TEST(CanonicalIdentifier, JsonFormWithNullValueIsInvalidRequest) {
  EXPECT_EQ(refusal(profile_schema(), R"({"ConnectorProfileName":null})").code(),
            ErrorCode::kInvalidRequest);
}

TEST(CanonicalIdentifier, JsonFormWithStructuredValueIsInvalidRequest) {
  EXPECT_EQ(refusal(profile_schema(), R"({"ConnectorProfileName":{"a":1}})").code(),
            ErrorCode::kInvalidRequest);
  EXPECT_EQ(refusal(profile_schema(), R"({"ConnectorProfileName":["p1"]})").code(),
            ErrorCode::kInvalidRequest);
}

TEST(CanonicalIdentifier, CompoundJsonFormMissingAPartIsInvalidRequest) {
  EXPECT_EQ(refusal(compound_schema(), R"({"Parent":"p"})").code(), ErrorCode::kInvalidRequest);
}

TEST(CanonicalIdentifier, CompoundJsonFormWithAWrongKeyIsInvalidRequest) {
  EXPECT_EQ(refusal(compound_schema(), R"({"Parent":"p","Size":"c"})").code(),
            ErrorCode::kInvalidRequest);
}

}  // namespace
