// apply_patch: the RFC 6902 PatchDocument of UpdateResource (spec §5.3).

#include "cloudcontrol/patch.h"

#include <gtest/gtest.h>

#include <string>

#include "common/api_error.h"

namespace {

using ccemu::ApiError;
using ccemu::ErrorCode;
using ccemu::cloudcontrol::apply_patch;
using nlohmann::json;

const json kProfile = {
    {"ConnectorProfileName", "p1"}, {"ConnectionMode", "Public"},  {"ConnectorType", "Datadog"},
    {"Tags", {{"a", 1}, {"b", 2}}}, {"Scopes", {"read", "write"}},
};

// The ApiError `patch` raises when applied to kProfile; a test failure when it raises none.
ApiError refusal(const std::string& patch) {
  const json before = kProfile;
  try {
    apply_patch(before, patch);
  } catch (const ApiError& e) {
    EXPECT_EQ(before, kProfile) << "the input document changed";
    return e;
  }
  ADD_FAILURE() << "no ApiError for " << patch;
  return ApiError(ErrorCode::kInternalFailure, "");
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

// kProfile with `key` set to `value`.
json profile_with(const std::string& key, const json& value) {
  json out = kProfile;
  out[key] = value;
  return out;
}

json profile_without(const std::string& key) {
  json out = kProfile;
  out.erase(key);
  return out;
}

// --- add --------------------------------------------------------------------------------------

TEST(PatchAdd, AddsANewMember) {
  EXPECT_EQ(apply_patch(kProfile, R"([{"op":"add","path":"/KMSArn","value":"k"}])"),
            profile_with("KMSArn", "k"));
}

TEST(PatchAdd, ReplacesAnExistingMember) {
  EXPECT_EQ(apply_patch(kProfile, R"([{"op":"add","path":"/ConnectionMode","value":"Private"}])"),
            profile_with("ConnectionMode", "Private"));
}

TEST(PatchAdd, AddsInsideANestedObject) {
  EXPECT_EQ(apply_patch(kProfile, R"([{"op":"add","path":"/Tags/c","value":3}])"),
            profile_with("Tags", {{"a", 1}, {"b", 2}, {"c", 3}}));
}

TEST(PatchAdd, InsertsIntoAnArrayAtAnIndex) {
  EXPECT_EQ(apply_patch(kProfile, R"([{"op":"add","path":"/Scopes/1","value":"list"}])"),
            profile_with("Scopes", {"read", "list", "write"}));
}

TEST(PatchAdd, DashAppendsToAnArray) {
  EXPECT_EQ(apply_patch(kProfile, R"([{"op":"add","path":"/Scopes/-","value":"admin"}])"),
            profile_with("Scopes", {"read", "write", "admin"}));
}

// Failures are zjsonpatch's words, as Cloud Control answers them (issue 20;
// aws-cloudformation/cloudformation-coverage-roadmap#2236 recorded the replace one).
TEST(PatchAdd, MissingParentIsValidationException) {
  ApiError e = refusal(R"([{"op":"add","path":"/Missing/Child","value":1}])");
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
  EXPECT_EQ(e.message(), "[ADD Operation] noSuchPath in source, path provided: //Missing/Child");
}

// --- remove -----------------------------------------------------------------------------------

TEST(PatchRemove, RemovesAMember) {
  EXPECT_EQ(apply_patch(kProfile, R"([{"op":"remove","path":"/ConnectionMode"}])"),
            profile_without("ConnectionMode"));
}

TEST(PatchRemove, RemovesANestedMember) {
  EXPECT_EQ(apply_patch(kProfile, R"([{"op":"remove","path":"/Tags/a"}])"),
            profile_with("Tags", {{"b", 2}}));
}

TEST(PatchRemove, RemovesAnArrayElement) {
  EXPECT_EQ(apply_patch(kProfile, R"([{"op":"remove","path":"/Scopes/0"}])"),
            profile_with("Scopes", {"write"}));
}

TEST(PatchRemove, MissingPathIsValidationException) {
  ApiError e = refusal(R"([{"op":"remove","path":"/KMSArn"}])");
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
  EXPECT_EQ(e.message(), "[REMOVE Operation] noSuchPath in source, path provided : //KMSArn");
}

// --- replace ----------------------------------------------------------------------------------

TEST(PatchReplace, ReplacesAMember) {
  EXPECT_EQ(
      apply_patch(kProfile, R"([{"op":"replace","path":"/ConnectionMode","value":"Private"}])"),
      profile_with("ConnectionMode", "Private"));
}

TEST(PatchReplace, ValueMayChangeType) {
  EXPECT_EQ(apply_patch(kProfile, R"([{"op":"replace","path":"/Tags","value":[1,2]}])"),
            profile_with("Tags", {1, 2}));
}

TEST(PatchReplace, MissingPathIsValidationException) {
  ApiError e = refusal(R"([{"op":"replace","path":"/KMSArn","value":"k"}])");
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
  EXPECT_EQ(e.message(), "[REPLACE Operation] noSuchPath in source, path provided : //KMSArn");
}

// --- move -------------------------------------------------------------------------------------

TEST(PatchMove, MovesAValueAndRemovesTheSource) {
  json expected = profile_without("Tags");
  expected["Labels"] = {{"a", 1}, {"b", 2}};
  EXPECT_EQ(apply_patch(kProfile, R"([{"op":"move","from":"/Tags","path":"/Labels"}])"), expected);
}

TEST(PatchMove, MissingFromIsValidationException) {
  ApiError e = refusal(R"([{"op":"move","from":"/Nothing","path":"/Labels"}])");
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
  EXPECT_EQ(e.message(), "[MOVE Operation] noSuchPath in source, path provided : //Nothing");
}

// --- copy -------------------------------------------------------------------------------------

TEST(PatchCopy, CopiesAValueAndKeepsTheSource) {
  EXPECT_EQ(apply_patch(kProfile, R"([{"op":"copy","from":"/ConnectorType","path":"/Label"}])"),
            profile_with("Label", "Datadog"));
}

TEST(PatchCopy, MissingFromIsValidationException) {
  ApiError e = refusal(R"([{"op":"copy","from":"/Nothing","path":"/Label"}])");
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
  EXPECT_EQ(e.message(), "[COPY Operation] noSuchPath in source, path provided : //Nothing");
}

// --- test -------------------------------------------------------------------------------------

TEST(PatchTest, PassingTestChangesNothing) {
  EXPECT_EQ(apply_patch(kProfile, R"([{"op":"test","path":"/ConnectionMode","value":"Public"}])"),
            kProfile);
}

TEST(PatchTest, PassingTestComparesStructuredValues) {
  EXPECT_EQ(apply_patch(kProfile, R"([{"op":"test","path":"/Tags","value":{"b":2,"a":1}}])"),
            kProfile);
}

TEST(PatchTest, FailingTestIsValidationExceptionAndInputUntouched) {
  ApiError e = refusal(R"([{"op":"test","path":"/ConnectionMode","value":"Private"}])");
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
  EXPECT_EQ(e.message(), "[TEST Operation] value mismatch");
}

TEST(PatchTest, TestOfAMissingPathFails) {
  ApiError e = refusal(R"([{"op":"test","path":"/KMSArn","value":"k"}])");
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
}

TEST(PatchTest, TestSeesTheEffectOfEarlierOperations) {
  EXPECT_EQ(apply_patch(kProfile, R"([
      {"op":"replace","path":"/ConnectionMode","value":"Private"},
      {"op":"test","path":"/ConnectionMode","value":"Private"}])"),
            profile_with("ConnectionMode", "Private"));
}

TEST(PatchTest, FailingTestAfterSuccessfulOperationsRefusesTheWholePatch) {
  ApiError e = refusal(R"([
      {"op":"replace","path":"/ConnectionMode","value":"Private"},
      {"op":"add","path":"/KMSArn","value":"k"},
      {"op":"test","path":"/ConnectionMode","value":"Public"}])");
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
}

// --- order and atomicity ----------------------------------------------------------------------

TEST(PatchOrder, OperationsApplyInOrder) {
  EXPECT_EQ(apply_patch(kProfile, R"([
      {"op":"add","path":"/Label","value":"first"},
      {"op":"replace","path":"/Label","value":"second"},
      {"op":"copy","from":"/Label","path":"/Copy"},
      {"op":"remove","path":"/Label"}])"),
            profile_with("Copy", "second"));
}

TEST(PatchOrder, EmptyPatchReturnsTheDocumentUnchanged) {
  EXPECT_EQ(apply_patch(kProfile, "[]"), kProfile);
}

TEST(PatchOrder, LaterFailureLeavesTheInputUntouched) {
  ApiError e = refusal(R"([
      {"op":"remove","path":"/Tags"},
      {"op":"remove","path":"/Tags"}])");
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
}

// --- path leniency (spec §5.3 rule 3) ---------------------------------------------------------

TEST(PatchPath, LeadingSlashMayBeOmitted) {
  EXPECT_EQ(
      apply_patch(kProfile, R"([{"op":"replace","path":"ConnectionMode","value":"Private"}])"),
      profile_with("ConnectionMode", "Private"));
}

TEST(PatchPath, NestedPathMayOmitTheLeadingSlash) {
  EXPECT_EQ(apply_patch(kProfile, R"([{"op":"remove","path":"Tags/a"}])"),
            profile_with("Tags", {{"b", 2}}));
}

TEST(PatchPath, PropertiesPrefixIsIgnored) {
  EXPECT_EQ(
      apply_patch(kProfile,
                  R"([{"op":"replace","path":"/properties/ConnectionMode","value":"Private"}])"),
      profile_with("ConnectionMode", "Private"));
}

TEST(PatchPath, PropertiesPrefixWithoutLeadingSlashIsIgnored) {
  EXPECT_EQ(
      apply_patch(kProfile,
                  R"([{"op":"replace","path":"properties/ConnectionMode","value":"Private"}])"),
      profile_with("ConnectionMode", "Private"));
}

TEST(PatchPath, FromIsNormalisedLikePath) {
  EXPECT_EQ(
      apply_patch(kProfile, R"([{"op":"copy","from":"/properties/ConnectorType","path":"Label"}])"),
      profile_with("Label", "Datadog"));
  EXPECT_EQ(apply_patch(kProfile, R"([{"op":"copy","from":"ConnectorType","path":"/Label"}])"),
            profile_with("Label", "Datadog"));
}

TEST(PatchPath, TestOpPathIsNormalisedToo) {
  EXPECT_EQ(apply_patch(kProfile,
                        R"([{"op":"test","path":"properties/ConnectorType","value":"Datadog"}])"),
            kProfile);
}

TEST(PatchPath, EmptyPathAddressesTheWholeDocument) {
  // RFC 6901: "" is the whole document, not the member named "" ("/").
  EXPECT_EQ(apply_patch(kProfile, R"([{"op":"test","path":"","value":)" + kProfile.dump() + "}]"),
            kProfile);
  EXPECT_EQ(
      apply_patch(kProfile, R"([{"op":"replace","path":"","value":{"ConnectionMode":"Private"}}])"),
      json({{"ConnectionMode", "Private"}}));
}

TEST(PatchPath, EscapedSlashAndTildeAddressMemberNames) {
  json document = {{"a/b", 1}, {"c~d", 2}};
  EXPECT_EQ(apply_patch(document, R"([
      {"op":"replace","path":"/a~1b","value":10},
      {"op":"replace","path":"/c~0d","value":20}])"),
            json({{"a/b", 10}, {"c~d", 20}}));
}

// --- malformed documents (spec §5.3 rule 1) ---------------------------------------------------

TEST(PatchDocument, TextThatIsNotJsonIsValidationException) {
  ApiError e = refusal("[{\"op\":");
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
  EXPECT_TRUE(starts_with(e.what(), "Model validation failed")) << e.what();
}

TEST(PatchDocument, ObjectInsteadOfArrayIsValidationException) {
  ApiError e = refusal(R"({"op":"replace","path":"/ConnectionMode","value":"Private"})");
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
  EXPECT_EQ(std::string(e.what()),
            "Invalid patch document: expected a JSON array of operations, found object");
}

TEST(PatchDocument, StringInsteadOfArrayIsValidationException) {
  ApiError e = refusal(R"("[]")");
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
  EXPECT_TRUE(starts_with(e.what(), "Invalid patch document: ")) << e.what();
}

TEST(PatchDocument, OperationThatIsNotAnObjectIsValidationException) {
  ApiError e = refusal(R"(["add"])");
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
  EXPECT_EQ(std::string(e.what()), "Invalid patch document: operation 0 is not a JSON object");
}

TEST(PatchDocument, UnknownOpIsValidationException) {
  ApiError e = refusal(R"([{"op":"merge","path":"/ConnectionMode","value":"Private"}])");
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
  EXPECT_TRUE(starts_with(e.what(), "Invalid patch document: operation 0 ")) << e.what();
}

TEST(PatchDocument, OpNamesAreCaseSensitive) {
  ApiError e = refusal(R"([{"op":"Replace","path":"/ConnectionMode","value":"Private"}])");
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
}

TEST(PatchDocument, MissingOpIsValidationException) {
  ApiError e = refusal(R"([{"path":"/ConnectionMode","value":"Private"}])");
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
}

TEST(PatchDocument, MissingPathIsValidationException) {
  ApiError e = refusal(R"([{"op":"replace","value":"Private"}])");
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
  EXPECT_EQ(std::string(e.what()), "Invalid patch document: operation 0 needs a string \"path\"");
}

TEST(PatchDocument, NonStringPathIsValidationException) {
  ApiError e = refusal(R"([{"op":"remove","path":7}])");
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
}

TEST(PatchDocument, NonStringFromIsValidationException) {
  ApiError e = refusal(R"([{"op":"copy","from":["x"],"path":"/Label"}])");
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
}

TEST(PatchDocument, BadOperationLaterInThePatchIsNamedByIndex) {
  ApiError e = refusal(
      R"([{"op":"test","path":"/ConnectionMode","value":"Public"},{"op":"bogus","path":"/x"}])");
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
  EXPECT_TRUE(starts_with(e.what(), "Invalid patch document: operation 1 ")) << e.what();
}

TEST(PatchDocument, AddWithoutValueIsValidationException) {
  ApiError e = refusal(R"([{"op":"add","path":"/Label"}])");
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
}

}  // namespace
