// ProtocolHandler (protocol/handler.h) over a real CloudControlService: request bytes in, status
// and body out (spec §1).
#include "protocol/handler.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <regex>
#include <set>
#include <string>

#include "cloudcontrol/service.h"
#include "common/clock.h"
#include "common/id_generator.h"
#include "resources/type_registry.h"

namespace ccemu::protocol {
namespace {

using nlohmann::json;

constexpr int64_t kStartMs = 1700000000123;
const char kTypeName[] = "AWS::AppFlow::ConnectorProfile";

const resources::TypeRegistry& registry() {
  static const resources::TypeRegistry* kRegistry = [] {
    auto* types = new resources::TypeRegistry();
    types->load_directory(CCEMU_SOURCE_DIR "/schema", schema::Strictness::kWrapper);
    return types;
  }();
  return *kRegistry;
}

std::string authorization(const std::string& access_key, const std::string& region) {
  return "AWS4-HMAC-SHA256 Credential=" + access_key + "/20261127/" + region +
         "/cloudcontrolapi/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
         "Signature=" +
         std::string(64, '0');
}

std::string error_json(const std::string& name, const std::string& message) {
  // The exact bytes AWS sends: "__type" first, then "Message".
  return nlohmann::ordered_json{{"__type", "com.amazonaws.cloudcontrol#" + name},
                                {"Message", message}}
      .dump();
}

json desired_state(const std::string& name) {
  return {{"ConnectorProfileName", name},
          {"ConnectorType", "Salesforce"},
          {"ConnectionMode", "Public"},
          {"ConnectorProfileConfig",
           {{"ConnectorProfileProperties",
             {{"Salesforce", {{"InstanceUrl", "https://example.my.salesforce.com"}}}}},
            {"ConnectorProfileCredentials", {{"Salesforce", {{"AccessToken", "token"}}}}}}}};
}

class ProtocolHandlerTest : public ::testing::Test {
 protected:
  Response call(const std::string& operation, const std::string& body,
                std::map<std::string, std::string> headers = {}) {
    if (!operation.empty()) headers.emplace("x-amz-target", "CloudApiService." + operation);
    headers.emplace("content-type", "application/x-amz-json-1.0");
    return handler_.handle(Request{headers, body});
  }
  Response call_json(const std::string& operation, const json& body,
                     std::map<std::string, std::string> headers = {}) {
    return call(operation, body.dump(), std::move(headers));
  }

  Response create(const std::string& name, std::map<std::string, std::string> headers = {}) {
    return call_json("CreateResource",
                     json{{"TypeName", kTypeName}, {"DesiredState", desired_state(name).dump()}},
                     std::move(headers));
  }

  ManualClock clock_{kStartMs};
  IdGenerator ids_{42};
  cloudcontrol::CloudControlService service_{registry(), clock_, ids_,
                                             cloudcontrol::ServiceOptions{}};
  ProtocolHandler handler_{service_, ids_, IdentityDefaults{}};
};

// --- Operation dispatch ------------------------------------------------------------------------

TEST_F(ProtocolHandlerTest, UnknownTargetIsUnknownOperation) {
  const Response response = call("Bogus", "{}");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.body, error_json("UnknownOperationException",
                                      "Operation 'CloudApiService.Bogus' is not supported by "
                                      "CloudApiService."));
  EXPECT_EQ(response.error, "UnknownOperationException");
}

TEST_F(ProtocolHandlerTest, MissingTargetIsUnknownOperation) {
  const Response response = call("", "{}");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.body,
            error_json("UnknownOperationException",
                       "Missing X-Amz-Target header: expected CloudApiService.<Operation>."));
}

TEST_F(ProtocolHandlerTest, TargetOfAnotherServiceIsUnknownOperation) {
  const Response response =
      handler_.handle(Request{{{"x-amz-target", "DynamoDB_20120810.ListTables"}}, "{}"});
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.body, error_json("UnknownOperationException",
                                      "Operation 'DynamoDB_20120810.ListTables' is not supported "
                                      "by CloudApiService."));
}

TEST_F(ProtocolHandlerTest, OperationNamesAreCaseSensitive) {
  EXPECT_EQ(call("listResourceRequests", "{}").status, 400);
  EXPECT_EQ(call("ListResourceRequests", "{}").status, 200);
}

TEST_F(ProtocolHandlerTest, InvalidUtf8InTargetStillGivesAJsonErrorBody) {
  const Response response = call("Bogus\xff", "{}");
  EXPECT_EQ(response.status, 400);
  const json body = json::parse(response.body);
  EXPECT_EQ(body["__type"], "com.amazonaws.cloudcontrol#UnknownOperationException");
  EXPECT_EQ(body["Message"],
            "Operation 'CloudApiService.Bogus\xef\xbf\xbd' is not supported by CloudApiService.");
}

// --- Body parsing ------------------------------------------------------------------------------

TEST_F(ProtocolHandlerTest, InvalidJsonIsSerializationException) {
  const Response response = call("ListResourceRequests", "{\"MaxResults\": ");
  EXPECT_EQ(response.status, 400);
  const json body = json::parse(response.body);
  EXPECT_EQ(body["__type"], "com.amazonaws.cloudcontrol#SerializationException");
  EXPECT_TRUE(body["Message"].get<std::string>().starts_with("Request body is not valid JSON: "))
      << body["Message"];
}

TEST_F(ProtocolHandlerTest, InvalidUtf8InBodyIsSerializationException) {
  const Response response = call("ListResources", std::string("{\"TypeName\":\"AWS::\xff::X\"}"));
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(json::parse(response.body)["__type"],
            "com.amazonaws.cloudcontrol#SerializationException");
}

TEST_F(ProtocolHandlerTest, NonObjectBodiesAreSerializationException) {
  const std::vector<std::pair<std::string, std::string>> cases = {{"[]", "array"},
                                                                  {"\"text\"", "string"},
                                                                  {"5", "number"},
                                                                  {"true", "boolean"},
                                                                  {"null", "null"}};
  for (const auto& [text, type] : cases) {
    SCOPED_TRACE(text);
    const Response response = call("ListResourceRequests", text);
    EXPECT_EQ(response.status, 400);
    EXPECT_EQ(response.body,
              error_json("SerializationException",
                         "Request body must be a JSON object, found a JSON " + type + "."));
  }
}

TEST_F(ProtocolHandlerTest, DeepNestingIsSerializationException) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const Response response = call("ListResourceRequests", deep);
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.body,
            error_json("SerializationException",
                       "Request body is not valid JSON: JSON nests deeper than 64 levels"));
}

TEST_F(ProtocolHandlerTest, DeepNestingInsideAMemberIsSerializationException) {
  const std::string deep =
      "{\"TypeName\":" + std::string(100000, '{') + std::string(100000, '}') + "}";
  const Response response = call("ListResources", deep);
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.body,
            error_json("SerializationException",
                       "Request body is not valid JSON: JSON nests deeper than 64 levels"));
}

TEST_F(ProtocolHandlerTest, BracketsInsideStringsDoNotCountAsNesting) {
  const Response response = call_json(
      "GetResource", json{{"TypeName", kTypeName}, {"Identifier", std::string(1000, '[')}});
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(json::parse(response.body)["__type"],
            "com.amazonaws.cloudcontrol#ResourceNotFoundException");
}

TEST_F(ProtocolHandlerTest, EmptyBodyIsAnEmptyObject) {
  const Response response = call("ListResourceRequests", "");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, R"({"ResourceRequestStatusSummaries":[]})");
}

TEST_F(ProtocolHandlerTest, MemberOfWrongTypeIsSerializationException) {
  const Response response = call_json(
      "UpdateResource",
      json{{"TypeName", kTypeName}, {"Identifier", "p1"}, {"PatchDocument", json::array()}});
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.body,
            error_json("SerializationException",
                       "Member 'PatchDocument' must be a string, found a JSON array."));
}

TEST_F(ProtocolHandlerTest, MemberConstraintFailureIsValidationException) {
  const Response response = call_json("CreateResource", json::object());
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(
      response.body,
      error_json("ValidationException",
                 "2 validation errors detected: Value null at 'typeName' failed to satisfy "
                 "constraint: Member must not be null; Value null at 'desiredState' failed to "
                 "satisfy constraint: Member must not be null"));
}

using ProtocolHandlerDeathTest = ProtocolHandlerTest;

// Runs in a child process, so a crash fails this test only.
TEST_F(ProtocolHandlerDeathTest, HugeMapValueInDesiredStateIsValidationExceptionNotACrash) {
  json state = desired_state("p1");
  state["ConnectorType"] = "CustomConnector";
  state["ConnectorLabel"] = "ExampleConnector";
  state["ConnectorProfileConfig"] = {
      {"ConnectorProfileCredentials",
       {{"CustomConnector",
         {{"AuthenticationType", "CUSTOM"},
          {"Custom",
           {{"CustomAuthenticationType", "HMAC"},
            {"CredentialsMap", {{"signing_key", std::string(250000, 'x')}}}}}}}}}};
  const json body = {{"TypeName", kTypeName}, {"DesiredState", state.dump()}};
  EXPECT_EXIT(
      {
        const Response response = call_json("CreateResource", body);
        std::exit(response.status == 400 && json::parse(response.body)["__type"] ==
                                                "com.amazonaws.cloudcontrol#ValidationException"
                      ? 0
                      : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

// --- Error format ------------------------------------------------------------------------------

TEST_F(ProtocolHandlerTest, ErrorBodyHasExactlyTypeAndMessage) {
  const Response response =
      call_json("GetResource", json{{"TypeName", "AWS::S3::Bucket"}, {"Identifier", "b"}});
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(json::parse(response.body),
            json::parse(R"({"__type":"com.amazonaws.cloudcontrol#TypeNotFoundException",)"
                        R"("Message":"The type 'AWS::S3::Bucket' cannot be found."})"));
}

TEST_F(ProtocolHandlerTest, ResourceNotFoundIs400WithHandlerMessage) {
  const Response response =
      call_json("GetResource", json{{"TypeName", kTypeName}, {"Identifier", "nope"}});
  EXPECT_EQ(response.status, 400);
  const json body = json::parse(response.body);
  ASSERT_EQ(body.size(), 2u);
  EXPECT_EQ(body["__type"], "com.amazonaws.cloudcontrol#ResourceNotFoundException");
  EXPECT_TRUE(std::regex_match(
      body["Message"].get<std::string>(),
      std::regex(
          "AWS::AppFlow::ConnectorProfile Handler returned status FAILED: Resource of type "
          "'AWS::AppFlow::ConnectorProfile' with identifier 'nope' was not found\\. "
          "\\(HandlerErrorCode: NotFound, RequestToken: [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-"
          "[89ab][0-9a-f]{3}-[0-9a-f]{12}\\)")))
      << body["Message"];
}

TEST_F(ProtocolHandlerTest, ErrorResponseMapsCodesToStatuses) {
  EXPECT_EQ(handler_.error_response(ErrorCode::kRequestEntityTooLarge, "too big").status, 413);
  // Cloud Control's client errors are all 400s, as AWS answers them (issue 20).
  EXPECT_EQ(handler_.error_response(ErrorCode::kClientTokenConflict, "x").status, 400);
  EXPECT_EQ(handler_.error_response(ErrorCode::kConcurrentOperation, "x").status, 400);
  EXPECT_EQ(handler_.error_response(ErrorCode::kUnsupportedAction, "x").status, 400);
  EXPECT_EQ(handler_.error_response(ErrorCode::kRequestTokenNotFound, "x").status, 400);
  EXPECT_EQ(handler_.error_response(ErrorCode::kTypeNotFound, "x").status, 400);
  EXPECT_EQ(handler_.error_response(ErrorCode::kHandlerFailure, "x").status, 502);
  EXPECT_EQ(handler_.error_response(ErrorCode::kNotUpdatable, "x").status, 400);
  EXPECT_EQ(handler_.error_response(ErrorCode::kInvalidRequest, "x").status, 400);
  EXPECT_EQ(handler_.error_response(ErrorCode::kAlreadyExists, "x").status, 400);
  const Response response = handler_.error_response(ErrorCode::kRequestEntityTooLarge, "too big");
  EXPECT_EQ(response.body, error_json("RequestEntityTooLargeException", "too big"));
  EXPECT_EQ(response.error, "RequestEntityTooLargeException");
  EXPECT_FALSE(response.request_id.empty());
}

TEST_F(ProtocolHandlerTest, LongMessagesAreCutTo2048Bytes) {
  const Response response = handler_.error_response(ErrorCode::kValidation, std::string(5000, 'm'));
  EXPECT_EQ(json::parse(response.body)["Message"], std::string(2048, 'm'));
}

TEST_F(ProtocolHandlerTest, LongMessagesAreCutAtACharacterBoundary) {
  std::string message = "a";
  for (int i = 0; i < 2000; ++i) message += "\xc3\xa9";
  const Response response = handler_.error_response(ErrorCode::kValidation, message);
  std::string expected = "a";
  for (int i = 0; i < 1023; ++i) expected += "\xc3\xa9";
  EXPECT_EQ(json::parse(response.body)["Message"], expected);
}

// --- Request ids -------------------------------------------------------------------------------

TEST_F(ProtocolHandlerTest, EveryResponseHasAFreshRequestId) {
  const std::regex uuid("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  std::set<std::string> seen;
  const std::vector<Response> responses = {
      call("ListResourceRequests", "{}"),
      call("Bogus", "{}"),
      call("ListResourceRequests", "[]"),
      call("ListResourceRequests", "{"),
      call("CreateResource", "{}"),
      create("p1"),
      call_json("GetResource", json{{"TypeName", kTypeName}, {"Identifier", "missing"}}),
      call("ListResourceRequests", "{}", {{"authorization", authorization("AKID", "moon")}}),
  };
  for (const Response& response : responses) {
    SCOPED_TRACE(response.body);
    EXPECT_TRUE(std::regex_match(response.request_id, uuid)) << response.request_id;
    EXPECT_TRUE(seen.insert(response.request_id).second);
  }
}

// --- Successful operations ---------------------------------------------------------------------

TEST_F(ProtocolHandlerTest, CreateAnswersAnInProgressEvent) {
  const Response response = create("p1");
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.operation, "CreateResource");
  EXPECT_EQ(response.error, "");
  const json body = json::parse(response.body);
  ASSERT_EQ(body.size(), 1u);
  const json& event = body["ProgressEvent"];
  EXPECT_EQ(event["TypeName"], kTypeName);
  EXPECT_EQ(event["Identifier"], "p1");
  EXPECT_EQ(event["Operation"], "CREATE");
  EXPECT_EQ(event["OperationStatus"], "IN_PROGRESS");
  EXPECT_TRUE(event["RequestToken"].is_string());
  EXPECT_FALSE(event.contains("ResourceModel"));
  EXPECT_FALSE(event.contains("ErrorCode"));
}

TEST_F(ProtocolHandlerTest, EventTimeIsAJsonNumberOfEpochSeconds) {
  const Response response = create("p1");
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_NE(response.body.find("\"EventTime\":1700000000.123"), std::string::npos) << response.body;
  const json event = json::parse(response.body)["ProgressEvent"];
  ASSERT_TRUE(event["EventTime"].is_number());
  EXPECT_DOUBLE_EQ(event["EventTime"].get<double>(), 1700000000.123);
}

TEST_F(ProtocolHandlerTest, StatusPollReturnsTheTerminalEvent) {
  const json created = json::parse(create("p1").body)["ProgressEvent"];
  clock_.advance_ms(1000);
  const Response response =
      call_json("GetResourceRequestStatus", json{{"RequestToken", created["RequestToken"]}});
  ASSERT_EQ(response.status, 200) << response.body;
  const json event = json::parse(response.body)["ProgressEvent"];
  EXPECT_EQ(event["OperationStatus"], "SUCCESS");
  EXPECT_EQ(event["RequestToken"], created["RequestToken"]);
  EXPECT_TRUE(event["EventTime"].is_number());
}

TEST_F(ProtocolHandlerTest, UnknownRequestTokenIsRequestTokenNotFound) {
  const Response response = call_json("GetResourceRequestStatus", json{{"RequestToken", "abc"}});
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.body,
            error_json("RequestTokenNotFoundException", "Request with token abc was not found"));
}

TEST_F(ProtocolHandlerTest, GetResourceReturnsTheReadView) {
  ASSERT_EQ(create("p1").status, 200);
  const Response response =
      call_json("GetResource", json{{"TypeName", kTypeName}, {"Identifier", "p1"}});
  ASSERT_EQ(response.status, 200) << response.body;
  const json body = json::parse(response.body);
  EXPECT_EQ(body["TypeName"], kTypeName);
  EXPECT_EQ(body["ResourceDescription"]["Identifier"], "p1");
  ASSERT_TRUE(body["ResourceDescription"]["Properties"].is_string());
  const json properties = json::parse(body["ResourceDescription"]["Properties"].get<std::string>());
  EXPECT_EQ(properties["ConnectorProfileArn"],
            "arn:aws:appflow:us-east-1:123456789012:connectorprofile/p1");
  EXPECT_FALSE(properties.contains("ConnectorProfileConfig"));
}

// --- Identity ----------------------------------------------------------------------------------

TEST_F(ProtocolHandlerTest, RegionAndAccountComeFromTheAuthorizationHeader) {
  const std::map<std::string, std::string> signed_headers = {
      {"authorization", authorization("111122223333", "eu-west-3")}};
  ASSERT_EQ(create("p1", signed_headers).status, 200);
  const Response response =
      call_json("GetResource", json{{"TypeName", kTypeName}, {"Identifier", "p1"}}, signed_headers);
  ASSERT_EQ(response.status, 200) << response.body;
  const json properties = json::parse(
      json::parse(response.body)["ResourceDescription"]["Properties"].get<std::string>());
  EXPECT_EQ(properties["ConnectorProfileArn"],
            "arn:aws:appflow:eu-west-3:111122223333:connectorprofile/p1");
}

TEST_F(ProtocolHandlerTest, StateIsKeptPerAccountAndRegion) {
  ASSERT_EQ(create("p1", {{"authorization", authorization("111122223333", "eu-west-3")}}).status,
            200);
  const json get = {{"TypeName", kTypeName}, {"Identifier", "p1"}};
  EXPECT_EQ(call_json("GetResource", get).error, "ResourceNotFoundException");
  EXPECT_EQ(
      call_json("GetResource", get, {{"authorization", authorization("111122223333", "eu-west-1")}})
          .error,
      "ResourceNotFoundException");
  EXPECT_EQ(
      call_json("GetResource", get, {{"authorization", authorization("444455556666", "eu-west-3")}})
          .error,
      "ResourceNotFoundException");
  EXPECT_EQ(
      call_json("GetResource", get, {{"authorization", authorization("111122223333", "eu-west-3")}})
          .status,
      200);
}

TEST_F(ProtocolHandlerTest, NonAccountAccessKeyUsesTheDefaultAccount) {
  ASSERT_EQ(create("p1", {{"authorization", authorization("AKIDEXAMPLE", "us-east-1")}}).status,
            200);
  EXPECT_EQ(call_json("GetResource", json{{"TypeName", kTypeName}, {"Identifier", "p1"}}).status,
            200);
}

TEST_F(ProtocolHandlerTest, BadRegionScopeIsInvalidSignature) {
  const Response response =
      call("ListResourceRequests", "{}", {{"authorization", authorization("AKID", "moon")}});
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.body,
            error_json("InvalidSignatureException",
                       "Credential should be scoped to a valid region, not 'moon'."));
  EXPECT_EQ(response.error, "InvalidSignatureException");
}

TEST_F(ProtocolHandlerTest, SignatureIsCheckedBeforeTheOperation) {
  const Response response =
      call("Bogus", "not json", {{"authorization", authorization("AKID", "moon")}});
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(json::parse(response.body)["__type"],
            "com.amazonaws.cloudcontrol#InvalidSignatureException");
}

TEST_F(ProtocolHandlerTest, ConfiguredDefaultsApplyToUnsignedRequests) {
  ProtocolHandler handler{service_, ids_,
                          IdentityDefaults{.account = "999988887777", .region = "ap-south-1"}};
  const Response created = handler.handle(
      Request{{{"x-amz-target", "CloudApiService.CreateResource"}},
              json{{"TypeName", kTypeName}, {"DesiredState", desired_state("p1").dump()}}.dump()});
  ASSERT_EQ(created.status, 200) << created.body;
  const Response response =
      handler.handle(Request{{{"x-amz-target", "CloudApiService.GetResource"}},
                             json{{"TypeName", kTypeName}, {"Identifier", "p1"}}.dump()});
  ASSERT_EQ(response.status, 200) << response.body;
  const json properties = json::parse(
      json::parse(response.body)["ResourceDescription"]["Properties"].get<std::string>());
  EXPECT_EQ(properties["ConnectorProfileArn"],
            "arn:aws:appflow:ap-south-1:999988887777:connectorprofile/p1");
}

}  // namespace
}  // namespace ccemu::protocol
