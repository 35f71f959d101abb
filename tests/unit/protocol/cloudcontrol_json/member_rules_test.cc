// The request member table (protocol/cloudcontrol_json/member_rules.h) against botocore's
// service-2.json, and the messages check_members() gives (spec §2, §1.6).
#include "protocol/cloudcontrol_json/member_rules.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "common/api_error.h"

namespace ccemu::protocol::cloudcontrol_json {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

const char kServiceModel[] = CCEMU_SHARED_DIR "/spec/botocore-cloudcontrol/service-2.json";

// One row of the table, as plain values so rows compare and print.
struct Row {
  std::string operation, member, shape, kind;
  bool required = false;
  std::optional<int64_t> min, max;
  std::string pattern;
  std::vector<std::string> enum_values;
  bool sensitive = false;

  bool operator==(const Row&) const = default;
};

void PrintTo(const Row& row, std::ostream* os) {
  *os << row.operation << "." << row.member << " shape=" << row.shape << " kind=" << row.kind
      << " required=" << row.required << " min=" << (row.min ? std::to_string(*row.min) : "-")
      << " max=" << (row.max ? std::to_string(*row.max) : "-") << " pattern=" << row.pattern
      << " enum=" << ::testing::PrintToString(row.enum_values) << " sensitive=" << row.sensitive;
}

std::string kind_name(MemberRule::Kind kind) {
  switch (kind) {
    case MemberRule::Kind::kString:
      return "string";
    case MemberRule::Kind::kInteger:
      return "integer";
    case MemberRule::Kind::kStringList:
      return "list";
    case MemberRule::Kind::kStructure:
      return "structure";
  }
  return "?";
}

std::vector<Row> table_rows() {
  std::vector<Row> rows;
  for (const MemberRule& rule : member_rules()) {
    Row row{std::string(rule.operation),
            std::string(rule.member),
            std::string(rule.shape),
            kind_name(rule.kind),
            rule.required,
            rule.min,
            rule.max,
            std::string(rule.pattern),
            {},
            rule.sensitive};
    for (auto value : rule.enum_values) row.enum_values.emplace_back(value);
    rows.push_back(row);
  }
  return rows;
}

// Rows for the members of `structure`, nested members named "Parent.Child".
void model_rows(const ordered_json& shapes, const std::string& operation,
                const ordered_json& structure, const std::string& prefix, std::vector<Row>& rows) {
  const ordered_json required = structure.value("required", ordered_json::array());
  for (const auto& [member, reference] : structure["members"].items()) {
    const std::string shape_name = reference["shape"].get<std::string>();
    const ordered_json& shape = shapes[shape_name];
    Row row;
    row.operation = operation;
    row.member = prefix + member;
    row.shape = shape_name;
    row.kind = shape["type"].get<std::string>();
    row.required = std::find(required.begin(), required.end(), member) != required.end();
    if (shape.contains("min")) row.min = shape["min"].get<int64_t>();
    if (shape.contains("max")) row.max = shape["max"].get<int64_t>();
    row.pattern = shape.value("pattern", "");
    row.sensitive = shape.value("sensitive", false);
    if (row.kind == "list") {
      const ordered_json& item = shapes[shape["member"]["shape"].get<std::string>()];
      EXPECT_EQ(item["type"], "string") << row.member;
      for (const auto& value : item.value("enum", ordered_json::array())) {
        row.enum_values.push_back(value.get<std::string>());
      }
    }
    rows.push_back(row);
    if (row.kind == "structure") model_rows(shapes, operation, shape, row.member + ".", rows);
  }
}

class MemberRulesModel : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kServiceModel)) {
      GTEST_SKIP() << "../shared is absent: no botocore model at " << kServiceModel;
    }
    std::ifstream in(kServiceModel);
    model_ = ordered_json::parse(in);
    for (const auto& [operation, definition] : model_["operations"].items()) {
      model_rows(model_["shapes"], operation,
                 model_["shapes"][definition["input"]["shape"].get<std::string>()], "", expected_);
    }
  }

  ordered_json model_;
  std::vector<Row> expected_;
};

TEST_F(MemberRulesModel, CoversTheEightOperations) {
  std::vector<std::string> operations;
  for (const auto& [operation, _] : model_["operations"].items()) operations.push_back(operation);
  EXPECT_EQ(operations,
            (std::vector<std::string>{"CancelResourceRequest", "CreateResource", "DeleteResource",
                                      "GetResource", "GetResourceRequestStatus",
                                      "ListResourceRequests", "ListResources", "UpdateResource"}));
  for (const auto& rule : member_rules()) {
    EXPECT_NE(std::find(operations.begin(), operations.end(), rule.operation), operations.end())
        << rule.operation;
  }
}

TEST_F(MemberRulesModel, TableMatchesTheModelRowByRow) {
  const std::vector<Row> actual = table_rows();
  EXPECT_EQ(actual.size(), expected_.size());
  for (size_t i = 0; i < std::min(actual.size(), expected_.size()); ++i) {
    SCOPED_TRACE(expected_[i].operation + "." + expected_[i].member);
    EXPECT_EQ(actual[i], expected_[i]);
  }
}

TEST_F(MemberRulesModel, EveryModelMemberHasARule) {
  const std::vector<Row> actual = table_rows();
  for (const Row& row : expected_) {
    auto found = std::find_if(actual.begin(), actual.end(), [&](const Row& r) {
      return r.operation == row.operation && r.member == row.member;
    });
    EXPECT_NE(found, actual.end()) << row.operation << "." << row.member;
  }
}

TEST_F(MemberRulesModel, EveryRuleIsAModelMember) {
  for (const Row& row : table_rows()) {
    auto found = std::find_if(expected_.begin(), expected_.end(), [&](const Row& r) {
      return r.operation == row.operation && r.member == row.member;
    });
    EXPECT_NE(found, expected_.end()) << row.operation << "." << row.member;
  }
}

TEST_F(MemberRulesModel, FilterListsCarryTheModelEnums) {
  const std::vector<Row> actual = table_rows();
  auto find = [&](const std::string& member) {
    return *std::find_if(actual.begin(), actual.end(), [&](const Row& r) {
      return r.operation == "ListResourceRequests" && r.member == member;
    });
  };
  EXPECT_EQ(find("ResourceRequestStatusFilter.Operations").enum_values,
            (std::vector<std::string>{"CREATE", "DELETE", "UPDATE"}));
  EXPECT_EQ(find("ResourceRequestStatusFilter.OperationStatuses").enum_values,
            (std::vector<std::string>{"PENDING", "IN_PROGRESS", "SUCCESS", "FAILED",
                                      "CANCEL_IN_PROGRESS", "CANCEL_COMPLETE"}));
}

TEST_F(MemberRulesModel, SensitiveMembersAreTheModelsSensitiveShapes) {
  std::vector<std::string> sensitive;
  for (const Row& row : table_rows()) {
    if (row.sensitive) sensitive.push_back(row.operation + "." + row.member);
  }
  EXPECT_EQ(sensitive,
            (std::vector<std::string>{"CreateResource.DesiredState", "ListResources.ResourceModel",
                                      "UpdateResource.PatchDocument"}));
}

// ---------------------------------------------------------------------------------------------
// check_members(): messages.

// "<ErrorName>: <message>" of what check_members throws, or "ok".
std::string check(std::string_view operation, const json& body) {
  try {
    check_members(operation, body);
  } catch (const ApiError& e) {
    return std::string(error_name(e.code())) + ": " + e.what();
  }
  return "ok";
}

const std::string kTypeNamePattern = "[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}";

json create_body() {
  return {{"TypeName", "AWS::AppFlow::ConnectorProfile"}, {"DesiredState", "{}"}};
}

TEST(CheckMembers, ValidBodiesPass) {
  EXPECT_EQ(check("CreateResource", create_body()), "ok");
  EXPECT_EQ(
      check("GetResource", {{"TypeName", "AWS::AppFlow::ConnectorProfile"}, {"Identifier", "p1"}}),
      "ok");
  EXPECT_EQ(check("ListResourceRequests", json::object()), "ok");
  EXPECT_EQ(
      check("ListResourceRequests", {{"MaxResults", 100},
                                     {"NextToken", "MTI="},
                                     {"ResourceRequestStatusFilter",
                                      {{"Operations", {"CREATE", "DELETE", "UPDATE"}},
                                       {"OperationStatuses", {"PENDING", "CANCEL_COMPLETE"}}}}}),
      "ok");
  EXPECT_EQ(check("UpdateResource", {{"TypeName", "AWS::AppFlow::ConnectorProfile"},
                                     {"Identifier", "p1"},
                                     {"PatchDocument", "[]"},
                                     {"ClientToken", "abc-123+/="},
                                     {"RoleArn", "arn:aws:iam::123456789012:role/cc"},
                                     {"TypeVersionId", "00000001"}}),
            "ok");
}

TEST(CheckMembers, UnknownMembersAreIgnored) {
  json body = create_body();
  body["Bogus"] = {1, 2, 3};
  EXPECT_EQ(check("CreateResource", body), "ok");
}

TEST(CheckMembers, MissingRequiredMember) {
  EXPECT_EQ(check("GetResourceRequestStatus", json::object()),
            "ValidationException: 1 validation error detected: Value null at 'requestToken' failed "
            "to satisfy constraint: Member must not be null");
}

TEST(CheckMembers, NullCountsAsMissing) {
  json body = create_body();
  body["TypeName"] = nullptr;
  EXPECT_EQ(check("CreateResource", body),
            "ValidationException: 1 validation error detected: Value null at 'typeName' failed to "
            "satisfy constraint: Member must not be null");
}

TEST(CheckMembers, Pattern) {
  json body = create_body();
  body["TypeName"] = "AWS-AppFlow-ConnectorProfile";
  EXPECT_EQ(
      check("CreateResource", body),
      "ValidationException: 1 validation error detected: Value 'AWS-AppFlow-ConnectorProfile' "
      "at 'typeName' failed to satisfy constraint: Member must satisfy regular expression "
      "pattern: " +
          kTypeNamePattern);
}

TEST(CheckMembers, PatternMatchesTheWholeValue) {
  EXPECT_EQ(check("CancelResourceRequest", {{"RequestToken", "abc def"}}),
            "ValidationException: 1 validation error detected: Value 'abc def' at 'requestToken' "
            "failed to satisfy constraint: Member must satisfy regular expression pattern: "
            "[-A-Za-z0-9+/=]+");
  EXPECT_EQ(
      check("CreateResource",
            {{"TypeName", "AWS::AppFlow::ConnectorProfile "}, {"DesiredState", "{}"}}),
      "ValidationException: 1 validation error detected: Value 'AWS::AppFlow::ConnectorProfile ' "
      "at 'typeName' failed to satisfy constraint: Member must satisfy regular expression "
      "pattern: " +
          kTypeNamePattern);
}

TEST(CheckMembers, RoleArnPattern) {
  json body = create_body();
  body["RoleArn"] = "arn:aws:iam::12345:role/short";
  EXPECT_EQ(
      check("CreateResource", body),
      "ValidationException: 1 validation error detected: Value 'arn:aws:iam::12345:role/short' "
      "at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression "
      "pattern: arn:.+:iam::[0-9]{12}:role/.+");
}

TEST(CheckMembers, MinLengthAndPatternAreReportedTogether) {
  json body = create_body();
  body["TypeName"] = "A::B";
  EXPECT_EQ(
      check("CreateResource", body),
      "ValidationException: 2 validation errors detected: Value 'A::B' at 'typeName' failed to "
      "satisfy constraint: Member must have length greater than or equal to 10; Value 'A::B' "
      "at 'typeName' failed to satisfy constraint: Member must satisfy regular expression "
      "pattern: " +
          kTypeNamePattern);
}

TEST(CheckMembers, RoleArnBreaksPatternAloneOrWithMinLength) {
  json body = create_body();
  body["RoleArn"] = "arn:a:iam::1234567:role/r";  // 25 characters: long enough, wrong account
  EXPECT_EQ(
      check("CreateResource", body),
      "ValidationException: 1 validation error detected: Value 'arn:a:iam::1234567:role/r' at "
      "'roleArn' failed to satisfy constraint: Member must satisfy regular expression "
      "pattern: arn:.+:iam::[0-9]{12}:role/.+");
  body["RoleArn"] = "arn:a:iam::12345:r";  // 18 characters
  EXPECT_EQ(check("CreateResource", body),
            "ValidationException: 2 validation errors detected: Value 'arn:a:iam::12345:r' at "
            "'roleArn' failed to satisfy constraint: Member must have length greater than or equal "
            "to 20; Value 'arn:a:iam::12345:r' at 'roleArn' failed to satisfy constraint: Member "
            "must satisfy regular expression pattern: arn:.+:iam::[0-9]{12}:role/.+");
}

TEST(CheckMembers, EmptyStringBreaksMinimumOneAndPattern) {
  EXPECT_EQ(
      check("GetResource", {{"TypeName", "AWS::AppFlow::ConnectorProfile"}, {"Identifier", ""}}),
      "ValidationException: 2 validation errors detected: Value '' at 'identifier' failed to "
      "satisfy constraint: Member must have length greater than or equal to 1; Value '' at "
      "'identifier' failed to satisfy constraint: Member must satisfy regular expression "
      "pattern: .+");
  EXPECT_EQ(
      check("CancelResourceRequest", {{"RequestToken", ""}}),
      "ValidationException: 2 validation errors detected: Value '' at 'requestToken' failed "
      "to satisfy constraint: Member must have length greater than or equal to 1; Value '' at "
      "'requestToken' failed to satisfy constraint: Member must satisfy regular expression "
      "pattern: [-A-Za-z0-9+/=]+");
}

TEST(CheckMembers, MaxLength) {
  const std::string identifier(1025, 'x');
  EXPECT_EQ(
      check("GetResource",
            {{"TypeName", "AWS::AppFlow::ConnectorProfile"}, {"Identifier", identifier}}),
      "ValidationException: 1 validation error detected: Value '" + identifier +
          "' at 'identifier' failed to satisfy constraint: Member must have length less than or "
          "equal to 1024");
}

TEST(CheckMembers, MaxLengthCountsCodePoints) {
  std::string identifier;
  for (int i = 0; i < 1024; ++i) identifier += "\xc3\xa9";
  EXPECT_EQ(check("GetResource",
                  {{"TypeName", "AWS::AppFlow::ConnectorProfile"}, {"Identifier", identifier}}),
            "ok");
}

TEST(CheckMembers, LongTypeNameBreaksMaxLengthAndPattern) {
  const std::string type_name = "AWS::AppFlow::" + std::string(190, 'C');
  EXPECT_EQ(
      check("ListResources", {{"TypeName", type_name}}),
      "ValidationException: 2 validation errors detected: Value '" + type_name +
          "' at 'typeName' failed to satisfy constraint: Member must have length less than or "
          "equal to 196; Value '" +
          type_name +
          "' at 'typeName' failed to satisfy constraint: Member must satisfy regular "
          "expression pattern: " +
          kTypeNamePattern);
}

TEST(CheckMembers, MaxResultsBelowRange) {
  EXPECT_EQ(check("ListResourceRequests", {{"MaxResults", 0}}),
            "ValidationException: 1 validation error detected: Value '0' at 'maxResults' failed to "
            "satisfy constraint: Member must have value greater than or equal to 1");
  EXPECT_EQ(
      check("ListResourceRequests", {{"MaxResults", -5}}),
      "ValidationException: 1 validation error detected: Value '-5' at 'maxResults' failed to "
      "satisfy constraint: Member must have value greater than or equal to 1");
}

TEST(CheckMembers, MaxResultsAboveRange) {
  EXPECT_EQ(
      check("ListResources", {{"TypeName", "AWS::AppFlow::ConnectorProfile"}, {"MaxResults", 101}}),
      "ValidationException: 1 validation error detected: Value '101' at 'maxResults' failed to "
      "satisfy constraint: Member must have value less than or equal to 100");
}

TEST(CheckMembers, MaxResultsBoundsAreInclusive) {
  EXPECT_EQ(check("ListResourceRequests", {{"MaxResults", 1}}), "ok");
  EXPECT_EQ(check("ListResourceRequests", {{"MaxResults", 100}}), "ok");
}

TEST(CheckMembers, MaxResultsFarAboveRange) {
  EXPECT_EQ(
      check("ListResourceRequests", {{"MaxResults", int64_t{1} << 40}}),
      "ValidationException: 1 validation error detected: Value '1099511627776' at "
      "'maxResults' failed to satisfy constraint: Member must have value less than or equal to "
      "100");
}

TEST(CheckMembers, MaxResultsBeyondInt64IsAboveRange) {
  // 2^64-1 parses as an unsigned number; it must not be read back as -1.
  EXPECT_EQ(
      check("ListResourceRequests", json::parse(R"({"MaxResults": 18446744073709551615})")),
      "ValidationException: 1 validation error detected: Value '18446744073709551615' at "
      "'maxResults' failed to satisfy constraint: Member must have value less than or equal to "
      "100");
}

TEST(CheckMembers, TwoErrorsAtOnce) {
  EXPECT_EQ(check("CreateResource", json::object()),
            "ValidationException: 2 validation errors detected: Value null at 'typeName' failed to "
            "satisfy constraint: Member must not be null; Value null at 'desiredState' failed to "
            "satisfy constraint: Member must not be null");
}

TEST(CheckMembers, ErrorsOfDifferentKindsInModelOrder) {
  EXPECT_EQ(
      check("UpdateResource",
            {{"TypeName", "bad"}, {"ClientToken", "a b"}, {"PatchDocument", "[]"}}),
      "ValidationException: 4 validation errors detected: Value 'bad' at 'typeName' failed to "
      "satisfy constraint: Member must have length greater than or equal to 10; Value 'bad' at "
      "'typeName' failed to satisfy constraint: Member must satisfy regular expression "
      "pattern: " +
          kTypeNamePattern +
          "; Value 'a b' at 'clientToken' failed to satisfy "
          "constraint: Member must satisfy regular expression pattern: [-A-Za-z0-9+/=]+; Value "
          "null at 'identifier' failed to satisfy constraint: Member must not be null");
}

TEST(CheckMembers, UnknownEnumValueInFilter) {
  EXPECT_EQ(check("ListResourceRequests",
                  {{"ResourceRequestStatusFilter", {{"Operations", {"CREATE", "BOGUS"}}}}}),
            "ValidationException: 1 validation error detected: Value '[CREATE, BOGUS]' at "
            "'resourceRequestStatusFilter.operations' failed to satisfy constraint: Member must "
            "satisfy constraint: [Member must satisfy enum value set: [CREATE, DELETE, UPDATE]]");
  EXPECT_EQ(check("ListResourceRequests",
                  {{"ResourceRequestStatusFilter", {{"OperationStatuses", {"success"}}}}}),
            "ValidationException: 1 validation error detected: Value '[success]' at "
            "'resourceRequestStatusFilter.operationStatuses' failed to satisfy constraint: Member "
            "must satisfy constraint: [Member must satisfy enum value set: [PENDING, IN_PROGRESS, "
            "SUCCESS, FAILED, CANCEL_IN_PROGRESS, CANCEL_COMPLETE]]");
}

TEST(CheckMembers, EmptyFilterListsPass) {
  EXPECT_EQ(check("ListResourceRequests",
                  {{"ResourceRequestStatusFilter",
                    {{"Operations", json::array()}, {"OperationStatuses", json::array()}}}}),
            "ok");
}

// Wrong JSON types are SerializationException, naming the member.

TEST(CheckMembers, StringMemberSentAsArray) {
  EXPECT_EQ(check("UpdateResource",
                  {{"TypeName", "AWS::AppFlow::ConnectorProfile"},
                   {"Identifier", "p1"},
                   {"PatchDocument", json::array({{{"op", "remove"}, {"path", "/KMSArn"}}})}}),
            "SerializationException: Member 'PatchDocument' must be a string, found a JSON array.");
}

TEST(CheckMembers, StringMemberSentAsObjectOrNumberOrBoolean) {
  EXPECT_EQ(check("CreateResource", {{"TypeName", "AWS::AppFlow::ConnectorProfile"},
                                     {"DesiredState", {{"ConnectorProfileName", "p1"}}}}),
            "SerializationException: Member 'DesiredState' must be a string, found a JSON object.");
  EXPECT_EQ(check("CancelResourceRequest", {{"RequestToken", 7}}),
            "SerializationException: Member 'RequestToken' must be a string, found a JSON number.");
  EXPECT_EQ(check("GetResource", {{"TypeName", true}, {"Identifier", "p1"}}),
            "SerializationException: Member 'TypeName' must be a string, found a JSON boolean.");
}

TEST(CheckMembers, IntegerMemberSentAsStringOrFraction) {
  EXPECT_EQ(check("ListResourceRequests", {{"MaxResults", "10"}}),
            "SerializationException: Member 'MaxResults' must be an integer, found a JSON string.");
  EXPECT_EQ(check("ListResourceRequests", {{"MaxResults", 1.5}}),
            "SerializationException: Member 'MaxResults' must be an integer, found a JSON number.");
}

TEST(CheckMembers, StructureMemberSentAsArray) {
  EXPECT_EQ(
      check("ListResourceRequests", {{"ResourceRequestStatusFilter", json::array()}}),
      "SerializationException: Member 'ResourceRequestStatusFilter' must be a JSON object, found "
      "a JSON array.");
}

TEST(CheckMembers, ListMemberSentAsStringOrWithNonStringItems) {
  EXPECT_EQ(
      check("ListResourceRequests", {{"ResourceRequestStatusFilter", {{"Operations", "CREATE"}}}}),
      "SerializationException: Member 'ResourceRequestStatusFilter.Operations' must be a JSON "
      "array, found a JSON string.");
  EXPECT_EQ(
      check("ListResourceRequests",
            {{"ResourceRequestStatusFilter", {{"OperationStatuses", {1}}}}}),
      "SerializationException: Member 'ResourceRequestStatusFilter.OperationStatuses' must be a "
      "list of strings, found a JSON number.");
}

TEST(CheckMembers, WrongTypeWinsOverConstraintFailures) {
  EXPECT_EQ(check("CreateResource", {{"TypeName", "x"}, {"DesiredState", 5}}),
            "SerializationException: Member 'DesiredState' must be a string, found a JSON number.");
}

// Sensitive members (DesiredState, ResourceModel, PatchDocument) are never echoed.

TEST(CheckMembers, SensitiveDesiredStateIsNotEchoed) {
  EXPECT_EQ(check("CreateResource",
                  {{"TypeName", "AWS::AppFlow::ConnectorProfile"}, {"DesiredState", ""}}),
            "ValidationException: 1 validation error detected: Value at 'desiredState' failed to "
            "satisfy constraint: Member must have length greater than or equal to 1");
}

TEST(CheckMembers, SensitiveOverlongDesiredStateIsNotEchoed) {
  const std::string secret = "{\"Password\":\"" + std::string(262144, 's') + "\"}";
  EXPECT_EQ(check("CreateResource",
                  {{"TypeName", "AWS::AppFlow::ConnectorProfile"}, {"DesiredState", secret}}),
            "ValidationException: 1 validation error detected: Value at 'desiredState' failed to "
            "satisfy constraint: Member must have length less than or equal to 262144");
}

TEST(CheckMembers, SensitivePatchDocumentAndResourceModelAreNotEchoed) {
  EXPECT_EQ(check("UpdateResource", {{"TypeName", "AWS::AppFlow::ConnectorProfile"},
                                     {"Identifier", "p1"},
                                     {"PatchDocument", ""}}),
            "ValidationException: 1 validation error detected: Value at 'patchDocument' failed to "
            "satisfy constraint: Member must have length greater than or equal to 1");
  EXPECT_EQ(check("ListResources",
                  {{"TypeName", "AWS::AppFlow::ConnectorProfile"}, {"ResourceModel", ""}}),
            "ValidationException: 1 validation error detected: Value at 'resourceModel' failed to "
            "satisfy constraint: Member must have length greater than or equal to 1");
}

TEST(CheckMembers, SensitiveMemberMissingIsValueNull) {
  EXPECT_EQ(
      check("UpdateResource",
            {{"TypeName", "AWS::AppFlow::ConnectorProfile"}, {"Identifier", "p1"}}),
      "ValidationException: 1 validation error detected: Value null at 'patchDocument' failed to "
      "satisfy constraint: Member must not be null");
}

TEST(CheckMembers, HugeValueIsCheckedByLengthWithoutCrashing) {
  const std::string token(1000000, 'a');
  EXPECT_EQ(
      check("CancelResourceRequest", {{"RequestToken", token}}),
      "ValidationException: 1 validation error detected: Value '" + token +
          "' at 'requestToken' failed to satisfy constraint: Member must have length less than "
          "or equal to 128");
}

TEST(CheckMembers, PatternsRunOnLongValuesWithoutCrashing) {
  // The longest values that still reach std::regex.
  const std::string identifier(8192, 'x');
  EXPECT_EQ(
      check("GetResource",
            {{"TypeName", "AWS::AppFlow::ConnectorProfile"}, {"Identifier", identifier}}),
      "ValidationException: 1 validation error detected: Value '" + identifier +
          "' at 'identifier' failed to satisfy constraint: Member must have length less than or "
          "equal to 1024");
  const std::string token = std::string(8191, 'a') + " ";
  EXPECT_EQ(
      check("CancelResourceRequest", {{"RequestToken", token}}),
      "ValidationException: 2 validation errors detected: Value '" + token +
          "' at 'requestToken' failed to satisfy constraint: Member must have length less than "
          "or equal to 128; Value '" +
          token +
          "' at 'requestToken' failed to satisfy constraint: Member must satisfy regular "
          "expression pattern: [-A-Za-z0-9+/=]+");
  EXPECT_EQ(check("ListResources", {{"TypeName", "AWS::AppFlow::ConnectorProfile"},
                                    {"NextToken", std::string(4096, 'n')}}),
            "ok");
  EXPECT_EQ(check("ListResources",
                  {{"TypeName", "AWS::AppFlow::ConnectorProfile"},
                   {"RoleArn", "arn:aws:iam::123456789012:role/" + std::string(2017, 'r')}}),
            "ok");
}

TEST(CheckMembers, UnknownOperationHasNoRules) { EXPECT_EQ(check("Bogus", json::object()), "ok"); }

}  // namespace
}  // namespace ccemu::protocol::cloudcontrol_json
