// CloudControlService driven directly with typed inputs (spec §3-5, design decisions).
//
// Every test builds its own service over the shipped ConnectorProfile schema, a ManualClock that
// moves only when told to, and a seeded IdGenerator.

#include "cloudcontrol/service.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "common/api_error.h"

namespace {

using ccemu::ApiError;
using ccemu::ErrorCode;
using ccemu::IdGenerator;
using ccemu::ManualClock;
using namespace ccemu::cloudcontrol;
using nlohmann::json;

constexpr char kType[] = "AWS::AppFlow::ConnectorProfile";
constexpr int64_t kStartMs = 1'700'000'000'000;
constexpr int64_t kHourMs = 3600LL * 1000;
constexpr int64_t kDayMs = 24 * kHourMs;
const Caller kCaller{"123456789012", "us-east-1"};
const Caller kOtherRegion{"123456789012", "eu-west-1"};
const Caller kOtherAccount{"210987654321", "us-east-1"};

const ccemu::resources::TypeRegistry& registry() {
  static const ccemu::resources::TypeRegistry* types = [] {
    auto* loaded = new ccemu::resources::TypeRegistry();
    loaded->load_directory(CCEMU_SOURCE_DIR "/schema", ccemu::schema::Strictness::kWrapper);
    return loaded;
  }();
  return *types;
}

ServiceOptions with_lifecycle(Lifecycle::Mode mode, int64_t amount) {
  ServiceOptions options;
  options.lifecycle = {mode, amount};
  return options;
}
ServiceOptions after_polls(int64_t polls) { return with_lifecycle(Lifecycle::Mode::kPolls, polls); }
ServiceOptions after_ms(int64_t ms) { return with_lifecycle(Lifecycle::Mode::kMilliseconds, ms); }
ServiceOptions schema_validation() {
  ServiceOptions options;
  options.validation = ValidationLevel::kSchema;
  return options;
}

// A model that passes the schema and the AppFlow API's own rules.
json datadog(const std::string& name) {
  return {
      {"ConnectorProfileName", name},
      {"ConnectorType", "Datadog"},
      {"ConnectionMode", "Public"},
      {"KMSArn", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"},
      {"ConnectorProfileConfig",
       {{"ConnectorProfileProperties",
         {{"Datadog", {{"InstanceUrl", "https://api.datadoghq.com"}}}}},
        {"ConnectorProfileCredentials",
         {{"Datadog", {{"ApiKey", "api-key"}, {"ApplicationKey", "app-key"}}}}}}},
  };
}

// The three required properties only: valid for the schema, refused by the AppFlow API.
json minimal(const std::string& name) {
  return {
      {"ConnectorProfileName", name}, {"ConnectorType", "Datadog"}, {"ConnectionMode", "Public"}};
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

bool is_uuid_v4(const std::string& text) {
  static const std::regex kUuid(
      "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  return std::regex_match(text, kUuid);
}

// The ApiError `call` raises; a test failure when it raises none.
template <typename Call>
ApiError error_of(Call call) {
  try {
    call();
  } catch (const ApiError& e) {
    return e;
  }
  ADD_FAILURE() << "no ApiError was thrown";
  return ApiError(ErrorCode::kInternalFailure, "");
}

std::string not_found_message_pattern(const std::string& identifier) {
  return std::string(kType) + " Handler returned status FAILED: Resource of type '" + kType +
         "' with identifier '" + identifier +
         "' was not found\\. \\(HandlerErrorCode: NotFound, RequestToken: "
         "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\\)";
}

// A service with its own clock, ids and state.
struct Emulator {
  explicit Emulator(ServiceOptions options = {}) : service(registry(), clock, ids, options) {}

  ProgressEvent create_text(const std::string& desired,
                            std::optional<std::string> token = std::nullopt,
                            const Caller& caller = kCaller) {
    return service.create_resource(
        caller, {.type_name = kType, .client_token = token, .desired_state = desired});
  }
  ProgressEvent create(const json& model, std::optional<std::string> token = std::nullopt,
                       const Caller& caller = kCaller) {
    return create_text(model.dump(), token, caller);
  }
  ProgressEvent update(const std::string& identifier, const std::string& patch,
                       std::optional<std::string> token = std::nullopt,
                       const Caller& caller = kCaller) {
    return service.update_resource(caller, {.type_name = kType,
                                            .client_token = token,
                                            .identifier = identifier,
                                            .patch_document = patch});
  }
  ProgressEvent remove(const std::string& identifier,
                       std::optional<std::string> token = std::nullopt,
                       const Caller& caller = kCaller) {
    return service.delete_resource(
        caller, {.type_name = kType, .client_token = token, .identifier = identifier});
  }
  ProgressEvent status(const std::string& request_token, const Caller& caller = kCaller) {
    return service.get_resource_request_status(caller, request_token);
  }
  ProgressEvent cancel(const std::string& request_token, const Caller& caller = kCaller) {
    return service.cancel_resource_request(caller, request_token);
  }
  GetResourceOutput get_output(const std::string& identifier, const Caller& caller = kCaller) {
    return service.get_resource(caller, {.type_name = kType, .identifier = identifier});
  }
  // The Properties of GetResource, parsed.
  json get(const std::string& identifier, const Caller& caller = kCaller) {
    return json::parse(get_output(identifier, caller).description.model->read_view_text());
  }
  bool exists(const std::string& identifier, const Caller& caller = kCaller) {
    try {
      get_output(identifier, caller);
      return true;
    } catch (const ApiError& e) {
      EXPECT_EQ(e.code(), ErrorCode::kResourceNotFound);
      return false;
    }
  }
  ListResourcesOutput list(std::optional<int64_t> max_results = std::nullopt,
                           std::optional<std::string> next_token = std::nullopt,
                           const Caller& caller = kCaller) {
    return service.list_resources(
        caller, {.type_name = kType, .next_token = next_token, .max_results = max_results});
  }
  std::vector<std::string> listed_identifiers(const Caller& caller = kCaller) {
    std::vector<std::string> out;
    for (const auto& d : list(std::nullopt, std::nullopt, caller).descriptions) {
      out.push_back(d.identifier);
    }
    return out;
  }
  ListResourceRequestsOutput requests(ListResourceRequestsInput input = {},
                                      const Caller& caller = kCaller) {
    return service.list_resource_requests(caller, input);
  }
  // Creates `name` and polls it to completion.
  ProgressEvent created(const std::string& name) {
    ProgressEvent event = create(datadog(name));
    return status(event.request_token);
  }

  ManualClock clock{kStartMs};
  IdGenerator ids{42};
  CloudControlService service;
};

// "OPERATION identifier STATUS" for each summary, to compare lists at a glance.
std::vector<std::string> describe(const std::vector<ProgressEvent>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) {
    out.push_back(std::string(to_string(e.operation)) + " " + e.identifier + " " +
                  std::string(to_string(e.status)));
  }
  return out;
}

// =============================================================================================
// CreateResource (spec §3.1, §4.5)
// =============================================================================================

TEST(CreateResource, ReturnsInProgressEventForTheNewIdentifier) {
  Emulator emu;
  ProgressEvent event = emu.create(datadog("p1"));
  EXPECT_EQ(event.type_name, kType);
  EXPECT_EQ(event.identifier, "p1");
  EXPECT_EQ(event.operation, Operation::kCreate);
  EXPECT_EQ(event.status, OperationStatus::kInProgress);
  EXPECT_TRUE(is_uuid_v4(event.request_token)) << event.request_token;
  EXPECT_EQ(event.event_time_ms, kStartMs);
  EXPECT_FALSE(event.error_code.has_value());
  EXPECT_FALSE(event.status_message.has_value());
}

TEST(CreateResource, FirstStatusPollReturnsSuccess) {
  Emulator emu;
  ProgressEvent accepted = emu.create(datadog("p1"));
  ProgressEvent event = emu.status(accepted.request_token);
  EXPECT_EQ(event.status, OperationStatus::kSuccess);
  EXPECT_EQ(event.request_token, accepted.request_token);
  EXPECT_EQ(event.identifier, "p1");
  EXPECT_EQ(event.operation, Operation::kCreate);
  EXPECT_EQ(event.type_name, kType);
  EXPECT_FALSE(event.error_code.has_value());
  EXPECT_FALSE(event.status_message.has_value());
}

TEST(CreateResource, LaterStatusPollsKeepReturningSuccess) {
  Emulator emu;
  ProgressEvent accepted = emu.create(datadog("p1"));
  emu.status(accepted.request_token);
  emu.clock.advance_ms(5000);
  EXPECT_EQ(emu.status(accepted.request_token).status, OperationStatus::kSuccess);
}

TEST(CreateResource, EachRequestGetsItsOwnRequestToken) {
  Emulator emu;
  std::string first = emu.create(datadog("p1")).request_token;
  std::string second = emu.create(datadog("p2")).request_token;
  EXPECT_NE(first, second);
}

TEST(CreateResource, ResourceIsReadableRightAway) {
  Emulator emu;
  emu.create(datadog("p1"));
  EXPECT_EQ(emu.get("p1")["ConnectorProfileName"], "p1");
}

TEST(CreateResource, ExistingIdentifierFailsWithAlreadyExists) {
  Emulator emu;
  emu.created("p1");
  json again = datadog("p1");
  again["ConnectionMode"] = "Private";
  ProgressEvent accepted = emu.create(again);
  EXPECT_EQ(accepted.status, OperationStatus::kInProgress);
  EXPECT_EQ(accepted.identifier, "p1");

  ProgressEvent event = emu.status(accepted.request_token);
  EXPECT_EQ(event.status, OperationStatus::kFailed);
  EXPECT_EQ(event.error_code, "AlreadyExists");
  EXPECT_EQ(event.status_message,
            "Resource of type 'AWS::AppFlow::ConnectorProfile' with identifier 'p1' already "
            "exists.");
  EXPECT_EQ(emu.get("p1")["ConnectionMode"], "Public");
}

TEST(CreateResource, MissingRequiredPropertyIsValidationException) {
  Emulator emu;
  json model = datadog("p1");
  model.erase("ConnectionMode");
  ApiError e = error_of([&] { emu.create(model); });
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
  EXPECT_TRUE(starts_with(e.what(), "Model validation failed (")) << e.what();
  EXPECT_NE(std::string(e.what()).find("ConnectionMode"), std::string::npos) << e.what();
}

TEST(CreateResource, BadEnumValueIsValidationException) {
  Emulator emu;
  json model = datadog("p1");
  model["ConnectionMode"] = "public";
  ApiError e = error_of([&] { emu.create(model); });
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
  EXPECT_TRUE(starts_with(e.what(), "Model validation failed (")) << e.what();
  EXPECT_NE(std::string(e.what()).find("ConnectionMode"), std::string::npos) << e.what();
}

TEST(CreateResource, UnknownTopLevelKeyIsValidationException) {
  Emulator emu;
  json model = datadog("p1");
  model["Foo"] = 1;
  ApiError e = error_of([&] { emu.create(model); });
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
  EXPECT_TRUE(starts_with(e.what(), "Model validation failed (")) << e.what();
  EXPECT_NE(std::string(e.what()).find("Foo"), std::string::npos) << e.what();
}

TEST(CreateResource, UnknownNestedKeyIsValidationException) {
  Emulator emu;
  json model = datadog("p1");
  model["ConnectorProfileConfig"]["ConnectorProfileProperties"]["Datadog"]["Bogus"] = "x";
  ApiError e = error_of([&] { emu.create(model); });
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
  EXPECT_TRUE(starts_with(e.what(), "Model validation failed (")) << e.what();
  EXPECT_NE(std::string(e.what()).find("Bogus"), std::string::npos) << e.what();
}

TEST(CreateResource, DesiredStateThatIsNotJsonIsValidationException) {
  Emulator emu;
  ApiError e = error_of([&] { emu.create_text("{not json"); });
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
  EXPECT_TRUE(starts_with(e.what(), "Model validation failed")) << e.what();
}

TEST(CreateResource, DesiredStateThatIsNotAnObjectIsValidationException) {
  Emulator emu;
  ApiError e = error_of([&] { emu.create_text("[1,2]"); });
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
  EXPECT_TRUE(starts_with(e.what(), "Model validation failed")) << e.what();
}

TEST(CreateResource, RefusedRequestIsNotRecorded) {
  Emulator emu;
  error_of([&] { emu.create_text("{}"); });
  EXPECT_TRUE(emu.requests().summaries.empty());
  EXPECT_TRUE(emu.listed_identifiers().empty());
}

TEST(CreateResource, NullMembersAreDropped) {
  Emulator emu;
  json model = datadog("p1");
  model["ConnectorLabel"] = nullptr;
  ProgressEvent event = emu.status(emu.create(model).request_token);
  EXPECT_EQ(event.status, OperationStatus::kSuccess);
  EXPECT_FALSE(emu.get("p1").contains("ConnectorLabel"));
}

TEST(CreateResource, UnknownTypeIsTypeNotFound) {
  Emulator emu;
  ApiError e = error_of([&] {
    emu.service.create_resource(
        kCaller, {.type_name = "AWS::Foo::Bar", .desired_state = minimal("p1").dump()});
  });
  EXPECT_EQ(e.code(), ErrorCode::kTypeNotFound);
  EXPECT_EQ(std::string(e.what()), "The type 'AWS::Foo::Bar' cannot be found.");
}

TEST(CreateResource, ServiceRuleFailureIsFailedInvalidRequest) {
  Emulator emu;
  // The schema's pattern is unanchored, so "my profile" passes it; the AppFlow API's does not.
  ProgressEvent accepted = emu.create(datadog("my profile"));
  EXPECT_EQ(accepted.status, OperationStatus::kInProgress);
  ProgressEvent event = emu.status(accepted.request_token);
  EXPECT_EQ(event.status, OperationStatus::kFailed);
  EXPECT_EQ(event.error_code, "InvalidRequest");
  ASSERT_TRUE(event.status_message.has_value());
  EXPECT_TRUE(starts_with(*event.status_message, "Invalid request provided: "))
      << *event.status_message;
  EXPECT_NE(event.status_message->find("connectorProfileName"), std::string::npos)
      << *event.status_message;
  EXPECT_FALSE(emu.exists("my profile"));
}

TEST(CreateResource, SameClientTokenReturnsOriginalRequestToken) {
  Emulator emu;
  ProgressEvent first = emu.create(datadog("p1"), "token-1");
  ProgressEvent again = emu.create(datadog("p1"), "token-1");
  EXPECT_EQ(again.request_token, first.request_token);
  // The current event of the original request, not an AlreadyExists failure.
  EXPECT_EQ(again.status, OperationStatus::kSuccess);
  EXPECT_FALSE(again.error_code.has_value());
  EXPECT_EQ(emu.requests().summaries.size(), 1u);
}

// =============================================================================================
// GetResource (spec §3.2, §5.4)
// =============================================================================================

TEST(GetResource, StripsWriteOnlyProperties) {
  Emulator emu;
  emu.created("p1");
  json properties = emu.get("p1");
  EXPECT_FALSE(properties.contains("ConnectorProfileConfig"));
  EXPECT_FALSE(properties.contains("KMSArn"));
  EXPECT_EQ(properties["ConnectorProfileName"], "p1");
  EXPECT_EQ(properties["ConnectorType"], "Datadog");
  EXPECT_EQ(properties["ConnectionMode"], "Public");
}

TEST(GetResource, IncludesGeneratedArns) {
  Emulator emu;
  emu.created("p1");
  json properties = emu.get("p1");
  EXPECT_EQ(properties["ConnectorProfileArn"],
            "arn:aws:appflow:us-east-1:123456789012:connectorprofile/p1");
  ASSERT_TRUE(properties["CredentialsArn"].is_string());
  EXPECT_TRUE(std::regex_match(
      properties["CredentialsArn"].get<std::string>(),
      std::regex("arn:aws:secretsmanager:us-east-1:123456789012:secret:appflow!123456789012-p1-" +
                 std::to_string(kStartMs) + "-[A-Za-z0-9]{6}")))
      << properties["CredentialsArn"];
}

TEST(GetResource, ShowsExactlyTheStoredReadView) {
  Emulator emu;
  emu.created("p1");
  json properties = emu.get("p1");
  std::set<std::string> keys;
  for (const auto& [key, _] : properties.items()) keys.insert(key);
  EXPECT_EQ(keys, (std::set<std::string>{"ConnectorProfileName", "ConnectorType", "ConnectionMode",
                                         "ConnectorProfileArn", "CredentialsArn"}));
}

TEST(GetResource, PropertiesAreCompactJsonText) {
  Emulator emu;
  emu.created("p1");
  const std::string text = emu.get_output("p1").description.model->read_view_text();
  EXPECT_EQ(text, json::parse(text).dump());
}

TEST(GetResource, EchoesTypeNameAndPlainIdentifier) {
  Emulator emu;
  emu.created("p1");
  GetResourceOutput output = emu.get_output("p1");
  EXPECT_EQ(output.type_name, kType);
  EXPECT_EQ(output.description.identifier, "p1");
}

TEST(GetResource, AcceptsJsonIdentifier) {
  Emulator emu;
  emu.created("p1");
  GetResourceOutput output = emu.get_output(R"({"ConnectorProfileName":"p1"})");
  EXPECT_EQ(output.description.identifier, "p1");
  EXPECT_EQ(json::parse(output.description.model->read_view_text())["ConnectorProfileName"], "p1");
}

TEST(GetResource, MissingResourceIsResourceNotFound) {
  Emulator emu;
  ApiError e = error_of([&] { emu.get_output("nope"); });
  EXPECT_EQ(e.code(), ErrorCode::kResourceNotFound);
  EXPECT_TRUE(
      std::regex_match(std::string(e.what()), std::regex(not_found_message_pattern("nope"))))
      << e.what();
}

TEST(GetResource, MissingResourceByJsonIdentifierNamesThePlainForm) {
  Emulator emu;
  ApiError e = error_of([&] { emu.get_output(R"({"ConnectorProfileName":"nope"})"); });
  EXPECT_EQ(e.code(), ErrorCode::kResourceNotFound);
  EXPECT_TRUE(
      std::regex_match(std::string(e.what()), std::regex(not_found_message_pattern("nope"))))
      << e.what();
}

TEST(GetResource, JsonIdentifierWithWrongKeyIsInvalidRequest) {
  Emulator emu;
  emu.created("p1");
  ApiError e = error_of([&] { emu.get_output(R"({"Name":"p1"})"); });
  EXPECT_EQ(e.code(), ErrorCode::kInvalidRequest);
}

TEST(GetResource, UnknownTypeIsTypeNotFound) {
  Emulator emu;
  ApiError e = error_of([&] {
    emu.service.get_resource(kCaller, {.type_name = "AWS::Foo::Bar", .identifier = "p1"});
  });
  EXPECT_EQ(e.code(), ErrorCode::kTypeNotFound);
  EXPECT_EQ(std::string(e.what()), "The type 'AWS::Foo::Bar' cannot be found.");
}

// =============================================================================================
// UpdateResource (spec §3.4, §5.3)
// =============================================================================================

TEST(UpdateResource, ReturnsInProgressThenSuccessAndAppliesThePatch) {
  Emulator emu;
  emu.created("p1");
  ProgressEvent accepted =
      emu.update("p1", R"([{"op":"replace","path":"/ConnectionMode","value":"Private"}])");
  EXPECT_EQ(accepted.operation, Operation::kUpdate);
  EXPECT_EQ(accepted.status, OperationStatus::kInProgress);
  EXPECT_EQ(accepted.identifier, "p1");
  EXPECT_TRUE(is_uuid_v4(accepted.request_token));

  ProgressEvent event = emu.status(accepted.request_token);
  EXPECT_EQ(event.status, OperationStatus::kSuccess);
  EXPECT_EQ(event.operation, Operation::kUpdate);
  EXPECT_EQ(emu.get("p1")["ConnectionMode"], "Private");
}

TEST(UpdateResource, PathWithPropertiesPrefixIsAccepted) {
  Emulator emu;
  emu.created("p1");
  emu.update("p1", R"([{"op":"replace","path":"/properties/ConnectionMode","value":"Private"}])");
  EXPECT_EQ(emu.get("p1")["ConnectionMode"], "Private");
}

TEST(UpdateResource, AcceptsJsonIdentifierAndReportsThePlainForm) {
  Emulator emu;
  emu.created("p1");
  ProgressEvent accepted =
      emu.update(R"({"ConnectorProfileName":"p1"})",
                 R"([{"op":"replace","path":"/ConnectionMode","value":"Private"}])");
  EXPECT_EQ(accepted.identifier, "p1");
  EXPECT_EQ(emu.get("p1")["ConnectionMode"], "Private");
}

TEST(UpdateResource, WriteOnlyValuesSurviveAPatchThatLeavesThemOut) {
  // The patch applies to the read view, which has no ConnectorProfileConfig; the AppFlow API
  // requires one, so the update succeeds only if the stored config is carried over.
  Emulator emu;
  emu.created("p1");
  ProgressEvent event = emu.status(
      emu.update("p1", R"([{"op":"replace","path":"/ConnectionMode","value":"Private"}])")
          .request_token);
  EXPECT_EQ(event.status, OperationStatus::kSuccess) << event.status_message.value_or("");
  EXPECT_FALSE(emu.get("p1").contains("ConnectorProfileConfig"));
}

TEST(UpdateResource, GeneratedArnsAreStableAcrossUpdates) {
  Emulator emu;
  emu.created("p1");
  json before = emu.get("p1");
  emu.clock.advance_ms(60'000);
  emu.update("p1", R"([{"op":"replace","path":"/ConnectionMode","value":"Private"}])");
  json after = emu.get("p1");
  EXPECT_EQ(after["ConnectorProfileArn"], before["ConnectorProfileArn"]);
  EXPECT_EQ(after["CredentialsArn"], before["CredentialsArn"]);
}

TEST(UpdateResource, EmptyPatchSucceeds) {
  Emulator emu;
  emu.created("p1");
  json before = emu.get("p1");
  ProgressEvent event = emu.status(emu.update("p1", "[]").request_token);
  EXPECT_EQ(event.status, OperationStatus::kSuccess);
  EXPECT_EQ(emu.get("p1"), before);
}

TEST(UpdateResource, CreateOnlyChangeIsNotUpdatable) {
  Emulator emu;
  emu.created("p1");
  ApiError e = error_of(
      [&] { emu.update("p1", R"([{"op":"replace","path":"/ConnectorType","value":"Slack"}])"); });
  EXPECT_EQ(e.code(), ErrorCode::kNotUpdatable);
  EXPECT_EQ(std::string(e.what()),
            "Invalid patch update: createOnlyProperties [/properties/ConnectorType] cannot be "
            "updated");
  EXPECT_EQ(emu.get("p1")["ConnectorType"], "Datadog");
}

TEST(UpdateResource, SeveralCreateOnlyChangesAreListedInSchemaOrder) {
  Emulator emu;
  emu.created("p1");
  ApiError e = error_of([&] {
    emu.update("p1", R"([{"op":"add","path":"/ConnectorLabel","value":"label"},
                         {"op":"replace","path":"/ConnectorType","value":"Slack"}])");
  });
  EXPECT_EQ(e.code(), ErrorCode::kNotUpdatable);
  EXPECT_EQ(std::string(e.what()),
            "Invalid patch update: createOnlyProperties [/properties/ConnectorType, "
            "/properties/ConnectorLabel] cannot be updated");
}

TEST(UpdateResource, RemovingACreateOnlyPropertyIsNotUpdatable) {
  Emulator emu;
  emu.created("p1");
  ApiError e = error_of([&] { emu.update("p1", R"([{"op":"remove","path":"/ConnectorType"}])"); });
  EXPECT_EQ(e.code(), ErrorCode::kNotUpdatable);
  EXPECT_EQ(std::string(e.what()),
            "Invalid patch update: createOnlyProperties [/properties/ConnectorType] cannot be "
            "updated");
}

TEST(UpdateResource, ReadOnlyChangeIsNotUpdatable) {
  Emulator emu;
  emu.created("p1");
  ApiError e = error_of([&] {
    emu.update(
        "p1",
        R"([{"op":"replace","path":"/ConnectorProfileArn","value":"arn:aws:appflow:us-east-1:123456789012:connectorprofile/x"}])");
  });
  EXPECT_EQ(e.code(), ErrorCode::kNotUpdatable);
  EXPECT_EQ(std::string(e.what()),
            "Invalid patch update: readOnlyProperties [/properties/ConnectorProfileArn] cannot be "
            "updated");
}

TEST(UpdateResource, CreateOnlyPropertySetToItsCurrentValueIsAccepted) {
  Emulator emu;
  emu.created("p1");
  ProgressEvent event =
      emu.status(emu.update("p1", R"([{"op":"replace","path":"/ConnectorType","value":"Datadog"}])")
                     .request_token);
  EXPECT_EQ(event.status, OperationStatus::kSuccess);
}

TEST(UpdateResource, SchemaFailureIsValidationExceptionAndNothingChanges) {
  Emulator emu;
  emu.created("p1");
  ApiError e = error_of([&] { emu.update("p1", R"([{"op":"remove","path":"/ConnectionMode"}])"); });
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
  EXPECT_TRUE(starts_with(e.what(), "Model validation failed (")) << e.what();
  EXPECT_NE(std::string(e.what()).find("ConnectionMode"), std::string::npos) << e.what();
  EXPECT_EQ(emu.get("p1")["ConnectionMode"], "Public");
}

TEST(UpdateResource, UnknownKeyAddedByThePatchIsValidationException) {
  Emulator emu;
  emu.created("p1");
  ApiError e = error_of([&] { emu.update("p1", R"([{"op":"add","path":"/Foo","value":1}])"); });
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
  EXPECT_TRUE(starts_with(e.what(), "Model validation failed (")) << e.what();
  EXPECT_NE(std::string(e.what()).find("Foo"), std::string::npos) << e.what();
}

TEST(UpdateResource, FailingTestOpIsValidationExceptionAndNothingChanges) {
  Emulator emu;
  emu.created("p1");
  ApiError e = error_of([&] {
    emu.update("p1", R"([{"op":"replace","path":"/ConnectionMode","value":"Private"},
                         {"op":"test","path":"/ConnectionMode","value":"Public"}])");
  });
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
  EXPECT_EQ(emu.get("p1")["ConnectionMode"], "Public");
  EXPECT_EQ(emu.requests().summaries.size(), 1u);  // the create only
}

TEST(UpdateResource, PatchDocumentThatIsNotAnArrayIsValidationException) {
  Emulator emu;
  emu.created("p1");
  ApiError e = error_of(
      [&] { emu.update("p1", R"({"op":"replace","path":"/ConnectionMode","value":"Private"})"); });
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
}

TEST(UpdateResource, PatchDocumentThatIsNotJsonIsValidationException) {
  Emulator emu;
  emu.created("p1");
  ApiError e = error_of([&] { emu.update("p1", "[{"); });
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
  EXPECT_TRUE(starts_with(e.what(), "Model validation failed")) << e.what();
}

TEST(UpdateResource, MissingResourceIsResourceNotFound) {
  Emulator emu;
  ApiError e = error_of([&] { emu.update("ghost", "[]"); });
  EXPECT_EQ(e.code(), ErrorCode::kResourceNotFound);
  EXPECT_TRUE(
      std::regex_match(std::string(e.what()), std::regex(not_found_message_pattern("ghost"))))
      << e.what();
}

TEST(UpdateResource, ServiceRuleFailureIsFailedInvalidRequestAndNothingChanges) {
  Emulator emu;
  emu.created("p1");
  // Properties of a connector other than the ConnectorType (Datadog).
  ProgressEvent accepted =
      emu.update("p1", R"([{"op":"add","path":"/ConnectorProfileConfig","value":{
                 "ConnectorProfileProperties":{"Slack":{"InstanceUrl":"https://x.slack.com"}}}},
               {"op":"replace","path":"/ConnectionMode","value":"Private"}])");
  EXPECT_EQ(accepted.status, OperationStatus::kInProgress);
  ProgressEvent event = emu.status(accepted.request_token);
  EXPECT_EQ(event.status, OperationStatus::kFailed);
  EXPECT_EQ(event.error_code, "InvalidRequest");
  ASSERT_TRUE(event.status_message.has_value());
  EXPECT_TRUE(starts_with(*event.status_message, "Invalid request provided: "))
      << *event.status_message;
  EXPECT_EQ(emu.get("p1")["ConnectionMode"], "Public");
}

TEST(UpdateResource, SameClientTokenReturnsOriginalRequestToken) {
  Emulator emu;
  emu.created("p1");
  const std::string patch = R"([{"op":"replace","path":"/ConnectionMode","value":"Private"}])";
  ProgressEvent first = emu.update("p1", patch, "token-u");
  ProgressEvent again = emu.update("p1", patch, "token-u");
  EXPECT_EQ(again.request_token, first.request_token);
  EXPECT_EQ(again.operation, Operation::kUpdate);
  EXPECT_EQ(emu.requests().summaries.size(), 2u);  // create + one update
}

// =============================================================================================
// DeleteResource (spec §3.5, §5.6)
// =============================================================================================

TEST(DeleteResource, ReturnsInProgressThenSuccessAndRemovesTheResource) {
  Emulator emu;
  emu.created("p1");
  ProgressEvent accepted = emu.remove("p1");
  EXPECT_EQ(accepted.operation, Operation::kDelete);
  EXPECT_EQ(accepted.status, OperationStatus::kInProgress);
  EXPECT_EQ(accepted.identifier, "p1");
  ProgressEvent event = emu.status(accepted.request_token);
  EXPECT_EQ(event.status, OperationStatus::kSuccess);
  EXPECT_FALSE(emu.exists("p1"));
  EXPECT_TRUE(emu.listed_identifiers().empty());
}

TEST(DeleteResource, MissingResourceFailsWithNotFound) {
  Emulator emu;
  ProgressEvent accepted = emu.remove("ghost");
  EXPECT_EQ(accepted.status, OperationStatus::kInProgress);
  ProgressEvent event = emu.status(accepted.request_token);
  EXPECT_EQ(event.status, OperationStatus::kFailed);
  EXPECT_EQ(event.error_code, "NotFound");
  EXPECT_EQ(event.status_message,
            "Resource of type 'AWS::AppFlow::ConnectorProfile' with identifier 'ghost' was not "
            "found.");
}

TEST(DeleteResource, SecondDeleteFailsWithNotFound) {
  Emulator emu;
  emu.created("p1");
  emu.remove("p1");
  ProgressEvent event = emu.status(emu.remove("p1").request_token);
  EXPECT_EQ(event.status, OperationStatus::kFailed);
  EXPECT_EQ(event.error_code, "NotFound");
}

TEST(DeleteResource, AcceptsJsonIdentifierAndReportsThePlainForm) {
  Emulator emu;
  emu.created("p1");
  ProgressEvent accepted = emu.remove(R"({"ConnectorProfileName":"p1"})");
  EXPECT_EQ(accepted.identifier, "p1");
  EXPECT_EQ(emu.status(accepted.request_token).status, OperationStatus::kSuccess);
  EXPECT_FALSE(emu.exists("p1"));
}

TEST(DeleteResource, NameCanBeCreatedAgainAfterDelete) {
  Emulator emu;
  emu.created("p1");
  emu.remove("p1");
  EXPECT_EQ(emu.created("p1").status, OperationStatus::kSuccess);
}

TEST(DeleteResource, JsonIdentifierWithWrongKeyIsInvalidRequest) {
  Emulator emu;
  ApiError e = error_of([&] { emu.remove(R"({"Name":"p1"})"); });
  EXPECT_EQ(e.code(), ErrorCode::kInvalidRequest);
}

// =============================================================================================
// GetResourceRequestStatus (spec §3.6) and request expiry (§3.7)
// =============================================================================================

TEST(GetResourceRequestStatus, UnknownTokenIsRequestTokenNotFound) {
  Emulator emu;
  ApiError e = error_of([&] { emu.status("00000000-0000-4000-8000-000000000000"); });
  EXPECT_EQ(e.code(), ErrorCode::kRequestTokenNotFound);
  EXPECT_EQ(std::string(e.what()),
            "Request with token 00000000-0000-4000-8000-000000000000 was not found");
}

TEST(GetResourceRequestStatus, RequestIsKeptJustUnderSevenDays) {
  Emulator emu;
  ProgressEvent accepted = emu.create(datadog("p1"));
  emu.clock.advance_ms(7 * kDayMs - 1);
  EXPECT_EQ(emu.status(accepted.request_token).status, OperationStatus::kSuccess);
}

TEST(GetResourceRequestStatus, RequestExpiresAfterSevenDays) {
  Emulator emu;
  ProgressEvent accepted = emu.create(datadog("p1"));
  emu.clock.advance_ms(7 * kDayMs + 1);
  ApiError e = error_of([&] { emu.status(accepted.request_token); });
  EXPECT_EQ(e.code(), ErrorCode::kRequestTokenNotFound);
  EXPECT_EQ(std::string(e.what()),
            "Request with token " + accepted.request_token + " was not found");
  EXPECT_TRUE(emu.requests().summaries.empty());
  // The resource itself stays.
  EXPECT_TRUE(emu.exists("p1"));
}

TEST(GetResourceRequestStatus, ExpiryForgetsOnlyOldRequests) {
  Emulator emu;
  ProgressEvent old_one = emu.create(datadog("p1"));
  emu.clock.advance_ms(3 * kDayMs);
  ProgressEvent new_one = emu.create(datadog("p2"));
  emu.clock.advance_ms(4 * kDayMs + 1);
  EXPECT_EQ(error_of([&] { emu.status(old_one.request_token); }).code(),
            ErrorCode::kRequestTokenNotFound);
  EXPECT_EQ(emu.status(new_one.request_token).status, OperationStatus::kSuccess);
  EXPECT_EQ(describe(emu.requests().summaries), (std::vector<std::string>{"CREATE p2 SUCCESS"}));
}

// =============================================================================================
// ClientToken idempotency (spec §5.1)
// =============================================================================================

TEST(ClientToken, SameRequestWithReorderedKeysIsTheSameRequest) {
  Emulator emu;
  ProgressEvent first = emu.create_text(
      R"({"ConnectorProfileName":"p1","ConnectorType":"Datadog","ConnectionMode":"Public",
          "ConnectorProfileConfig":{"ConnectorProfileProperties":{"Datadog":{"InstanceUrl":"u"}},
          "ConnectorProfileCredentials":{"Datadog":{"ApiKey":"k","ApplicationKey":"a"}}}})",
      "t");
  ProgressEvent again = emu.create_text(
      R"({ "ConnectionMode" : "Public", "ConnectorType":"Datadog",
           "ConnectorProfileConfig":{"ConnectorProfileCredentials":{"Datadog":{"ApplicationKey":"a","ApiKey":"k"}},
           "ConnectorProfileProperties":{"Datadog":{"InstanceUrl":"u"}}},
           "ConnectorProfileName":"p1" })",
      "t");
  EXPECT_EQ(again.request_token, first.request_token);
}

TEST(ClientToken, DifferentBodyIsClientTokenConflict) {
  Emulator emu;
  ProgressEvent first = emu.create(datadog("p1"), "t");
  ApiError e = error_of([&] { emu.create(datadog("p2"), "t"); });
  EXPECT_EQ(e.code(), ErrorCode::kClientTokenConflict);
  EXPECT_EQ(std::string(e.what()),
            "ClientToken t is already associated with an existing operation with RequestToken " +
                first.request_token);
  EXPECT_FALSE(emu.exists("p2"));
}

TEST(ClientToken, DifferentOperationIsClientTokenConflict) {
  Emulator emu;
  ProgressEvent first = emu.create(datadog("p1"), "t");
  ApiError e = error_of([&] { emu.remove("p1", "t"); });
  EXPECT_EQ(e.code(), ErrorCode::kClientTokenConflict);
  EXPECT_EQ(std::string(e.what()),
            "ClientToken t is already associated with an existing operation with RequestToken " +
                first.request_token);
  EXPECT_TRUE(emu.exists("p1"));
}

TEST(ClientToken, DifferentPatchIsClientTokenConflict) {
  Emulator emu;
  emu.created("p1");
  emu.update("p1", R"([{"op":"replace","path":"/ConnectionMode","value":"Private"}])", "t");
  ApiError e = error_of([&] {
    emu.update("p1", R"([{"op":"replace","path":"/ConnectionMode","value":"Public"}])", "t");
  });
  EXPECT_EQ(e.code(), ErrorCode::kClientTokenConflict);
  EXPECT_EQ(emu.get("p1")["ConnectionMode"], "Private");
}

TEST(ClientToken, ConflictIsReportedBeforeValidation) {
  Emulator emu;
  emu.create(datadog("p1"), "t");
  ApiError e = error_of([&] { emu.create_text("{}", "t"); });
  EXPECT_EQ(e.code(), ErrorCode::kClientTokenConflict);
}

TEST(ClientToken, RetryIsAnsweredBeforeAlreadyExists) {
  Emulator emu;
  ProgressEvent first = emu.create(datadog("p1"), "t");
  ProgressEvent again = emu.create(datadog("p1"), "t");
  EXPECT_EQ(emu.status(again.request_token).status, OperationStatus::kSuccess);
  EXPECT_EQ(again.request_token, first.request_token);
}

TEST(ClientToken, TokenIsRememberedJustUnderThirtySixHours) {
  Emulator emu;
  ProgressEvent first = emu.create(datadog("p1"), "t");
  emu.clock.advance_ms(36 * kHourMs - 1);
  EXPECT_EQ(emu.create(datadog("p1"), "t").request_token, first.request_token);
  EXPECT_EQ(error_of([&] { emu.create(datadog("p2"), "t"); }).code(),
            ErrorCode::kClientTokenConflict);
}

TEST(ClientToken, TokenIsForgottenAfterThirtySixHours) {
  Emulator emu;
  ProgressEvent first = emu.create(datadog("p1"), "t");
  emu.clock.advance_ms(36 * kHourMs + 1);
  ProgressEvent again = emu.create(datadog("p1"), "t");
  EXPECT_NE(again.request_token, first.request_token);
  // It ran as a new request: p1 exists now.
  ProgressEvent event = emu.status(again.request_token);
  EXPECT_EQ(event.status, OperationStatus::kFailed);
  EXPECT_EQ(event.error_code, "AlreadyExists");
  // The original request is still known (requests live 7 days).
  EXPECT_EQ(emu.status(first.request_token).status, OperationStatus::kSuccess);
}

TEST(ClientToken, ForgottenTokenMayCarryADifferentRequest) {
  Emulator emu;
  emu.create(datadog("p1"), "t");
  emu.clock.advance_ms(36 * kHourMs + 1);
  ProgressEvent event = emu.status(emu.create(datadog("p2"), "t").request_token);
  EXPECT_EQ(event.status, OperationStatus::kSuccess);
  EXPECT_TRUE(emu.exists("p2"));
}

TEST(ClientToken, ReusedTokenIsRememberedAgainForItsNewRequest) {
  Emulator emu;
  emu.create(datadog("p1"), "t");
  emu.clock.advance_ms(36 * kHourMs + 1);
  ProgressEvent second = emu.create(datadog("p2"), "t");
  emu.clock.advance_ms(kHourMs);
  EXPECT_EQ(emu.create(datadog("p2"), "t").request_token, second.request_token);
  EXPECT_EQ(error_of([&] { emu.create(datadog("p1"), "t"); }).code(),
            ErrorCode::kClientTokenConflict);
}

TEST(ClientToken, TokensAreScopedPerAccountAndRegion) {
  Emulator emu;
  emu.create(datadog("p1"), "t");
  ProgressEvent other = emu.create(datadog("p2"), "t", kOtherRegion);
  EXPECT_EQ(emu.status(other.request_token, kOtherRegion).status, OperationStatus::kSuccess);
  ProgressEvent third = emu.create(datadog("p3"), "t", kOtherAccount);
  EXPECT_EQ(emu.status(third.request_token, kOtherAccount).status, OperationStatus::kSuccess);
}

TEST(ClientToken, RequestsWithoutTokensAreNeverReplayed) {
  Emulator emu;
  ProgressEvent first = emu.create(datadog("p1"));
  ProgressEvent second = emu.create(datadog("p1"));
  EXPECT_NE(first.request_token, second.request_token);
  EXPECT_EQ(emu.status(second.request_token).error_code, "AlreadyExists");
}

// =============================================================================================
// Lifecycle: --progress polls=N and ms=N (spec §4.5, §5.2)
// =============================================================================================

TEST(LifecyclePolls, StaysInProgressForTwoPollsThenSucceeds) {
  Emulator emu(after_polls(2));
  ProgressEvent accepted = emu.create(datadog("p1"));
  EXPECT_EQ(accepted.status, OperationStatus::kInProgress);
  EXPECT_EQ(emu.status(accepted.request_token).status, OperationStatus::kInProgress);
  EXPECT_EQ(emu.status(accepted.request_token).status, OperationStatus::kInProgress);
  EXPECT_EQ(emu.status(accepted.request_token).status, OperationStatus::kSuccess);
  EXPECT_EQ(emu.status(accepted.request_token).status, OperationStatus::kSuccess);
}

TEST(LifecyclePolls, ResourceIsInvisibleUntilTheRequestCompletes) {
  Emulator emu(after_polls(2));
  ProgressEvent accepted = emu.create(datadog("p1"));
  EXPECT_FALSE(emu.exists("p1"));
  EXPECT_TRUE(emu.listed_identifiers().empty());
  emu.status(accepted.request_token);
  emu.status(accepted.request_token);
  EXPECT_FALSE(emu.exists("p1"));
  emu.status(accepted.request_token);
  EXPECT_TRUE(emu.exists("p1"));
  EXPECT_EQ(emu.listed_identifiers(), (std::vector<std::string>{"p1"}));
}

TEST(LifecyclePolls, OtherReadsDoNotCountAsPolls) {
  Emulator emu(after_polls(1));
  ProgressEvent accepted = emu.create(datadog("p1"));
  emu.exists("p1");
  emu.list();
  emu.requests();
  EXPECT_EQ(emu.status(accepted.request_token).status, OperationStatus::kInProgress);
  EXPECT_EQ(emu.status(accepted.request_token).status, OperationStatus::kSuccess);
}

TEST(LifecyclePolls, ListResourceRequestsShowsTheUnfinishedRequest) {
  Emulator emu(after_polls(2));
  emu.create(datadog("p1"));
  EXPECT_EQ(describe(emu.requests().summaries),
            (std::vector<std::string>{"CREATE p1 IN_PROGRESS"}));
}

TEST(LifecyclePolls, MutationsOfTheBusyResourceAreConcurrentOperation) {
  Emulator emu(after_polls(2));
  ProgressEvent accepted = emu.create(datadog("p1"));
  for (auto attempt : std::vector<std::function<void()>>{
           [&] { emu.create(datadog("p1")); },
           [&] { emu.update("p1", "[]"); },
           [&] { emu.remove("p1"); },
       }) {
    ApiError e = error_of(attempt);
    EXPECT_EQ(e.code(), ErrorCode::kConcurrentOperation);
    EXPECT_TRUE(starts_with(
        e.what(), "Another resource operation is currently being performed on this resource."))
        << e.what();
  }
  EXPECT_EQ(emu.requests().summaries.size(), 1u);
  (void)accepted;
}

TEST(LifecyclePolls, OtherResourcesAreNotBlocked) {
  Emulator emu(after_polls(2));
  emu.create(datadog("p1"));
  EXPECT_EQ(emu.create(datadog("p2")).status, OperationStatus::kInProgress);
}

TEST(LifecyclePolls, ResourceIsFreeOnceTheRequestCompletes) {
  Emulator emu(after_polls(1));
  ProgressEvent created = emu.create(datadog("p1"));
  emu.status(created.request_token);
  emu.status(created.request_token);
  ProgressEvent removal = emu.remove("p1");
  EXPECT_EQ(removal.status, OperationStatus::kInProgress);
  EXPECT_TRUE(emu.exists("p1"));
  EXPECT_EQ(emu.status(removal.request_token).status, OperationStatus::kInProgress);
  EXPECT_EQ(emu.status(removal.request_token).status, OperationStatus::kSuccess);
  EXPECT_FALSE(emu.exists("p1"));
}

TEST(LifecyclePolls, UpdateIsAppliedOnlyOnCompletion) {
  Emulator emu(after_polls(1));
  ProgressEvent created = emu.create(datadog("p1"));
  emu.status(created.request_token);
  emu.status(created.request_token);
  ProgressEvent update =
      emu.update("p1", R"([{"op":"replace","path":"/ConnectionMode","value":"Private"}])");
  EXPECT_EQ(emu.get("p1")["ConnectionMode"], "Public");
  emu.status(update.request_token);
  EXPECT_EQ(emu.get("p1")["ConnectionMode"], "Public");
  EXPECT_EQ(emu.status(update.request_token).status, OperationStatus::kSuccess);
  EXPECT_EQ(emu.get("p1")["ConnectionMode"], "Private");
}

TEST(LifecyclePolls, FailedOutcomeIsAlsoHeldBack) {
  Emulator emu(after_polls(1));
  ProgressEvent removal = emu.remove("ghost");
  EXPECT_EQ(emu.status(removal.request_token).status, OperationStatus::kInProgress);
  ProgressEvent event = emu.status(removal.request_token);
  EXPECT_EQ(event.status, OperationStatus::kFailed);
  EXPECT_EQ(event.error_code, "NotFound");
}

TEST(LifecyclePolls, ClientTokenReplayReturnsTheCurrentEventWithoutPolling) {
  Emulator emu(after_polls(1));
  ProgressEvent first = emu.create(datadog("p1"), "t");
  ProgressEvent again = emu.create(datadog("p1"), "t");
  EXPECT_EQ(again.request_token, first.request_token);
  EXPECT_EQ(again.status, OperationStatus::kInProgress);
  EXPECT_EQ(emu.status(first.request_token).status, OperationStatus::kInProgress);
  EXPECT_EQ(emu.status(first.request_token).status, OperationStatus::kSuccess);
  EXPECT_EQ(emu.create(datadog("p1"), "t").status, OperationStatus::kSuccess);
}

TEST(LifecycleMilliseconds, InProgressUntilTheDelayPasses) {
  Emulator emu(after_ms(1000));
  ProgressEvent accepted = emu.create(datadog("p1"));
  EXPECT_EQ(emu.status(accepted.request_token).status, OperationStatus::kInProgress);
  emu.clock.advance_ms(999);
  EXPECT_EQ(emu.status(accepted.request_token).status, OperationStatus::kInProgress);
  emu.clock.advance_ms(1);
  ProgressEvent event = emu.status(accepted.request_token);
  EXPECT_EQ(event.status, OperationStatus::kSuccess);
  EXPECT_EQ(event.event_time_ms, kStartMs + 1000);
}

TEST(LifecycleMilliseconds, PollsDoNotHastenCompletion) {
  Emulator emu(after_ms(1000));
  ProgressEvent accepted = emu.create(datadog("p1"));
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(emu.status(accepted.request_token).status, OperationStatus::kInProgress);
  }
}

TEST(LifecycleMilliseconds, ResourceAppearsOnceTheClockPassesWithoutAPoll) {
  Emulator emu(after_ms(1000));
  emu.create(datadog("p1"));
  EXPECT_FALSE(emu.exists("p1"));
  emu.clock.advance_ms(1000);
  EXPECT_TRUE(emu.exists("p1"));
  EXPECT_EQ(describe(emu.requests().summaries), (std::vector<std::string>{"CREATE p1 SUCCESS"}));
}

TEST(LifecycleMilliseconds, ChangeIsAppliedEvenWhenNobodyLooksForSevenDays) {
  // The request fell due after 1 s; its record expiring 7 days later must not undo that.
  Emulator emu(after_ms(1000));
  emu.create(datadog("p1"));
  emu.clock.advance_ms(7 * kDayMs + 1);
  EXPECT_TRUE(emu.exists("p1"));
}

TEST(LifecycleMilliseconds, BusyResourceIsConcurrentOperationUntilTheDelayPasses) {
  Emulator emu(after_ms(1000));
  emu.create(datadog("p1"));
  emu.clock.advance_ms(500);
  EXPECT_EQ(error_of([&] { emu.remove("p1"); }).code(), ErrorCode::kConcurrentOperation);
  emu.clock.advance_ms(500);
  EXPECT_EQ(emu.remove("p1").status, OperationStatus::kInProgress);
}

// =============================================================================================
// CancelResourceRequest (spec §3.8, §4.4)
// =============================================================================================

TEST(CancelResourceRequest, UnfinishedCreateIsCancelledAndNothingApplied) {
  Emulator emu(after_polls(2));
  ProgressEvent accepted = emu.create(datadog("p1"));
  ProgressEvent cancelling = emu.cancel(accepted.request_token);
  EXPECT_EQ(cancelling.status, OperationStatus::kCancelInProgress);
  EXPECT_EQ(cancelling.request_token, accepted.request_token);
  EXPECT_EQ(cancelling.operation, Operation::kCreate);
  EXPECT_EQ(cancelling.identifier, "p1");

  EXPECT_EQ(emu.status(accepted.request_token).status, OperationStatus::kCancelComplete);
  EXPECT_EQ(emu.status(accepted.request_token).status, OperationStatus::kCancelComplete);
  EXPECT_FALSE(emu.exists("p1"));
  EXPECT_TRUE(emu.listed_identifiers().empty());
}

TEST(CancelResourceRequest, CancelledUpdateLeavesTheResourceUnchanged) {
  Emulator emu(after_polls(1));
  ProgressEvent created = emu.create(datadog("p1"));
  emu.status(created.request_token);
  emu.status(created.request_token);
  ProgressEvent update =
      emu.update("p1", R"([{"op":"replace","path":"/ConnectionMode","value":"Private"}])");
  emu.cancel(update.request_token);
  EXPECT_EQ(emu.status(update.request_token).status, OperationStatus::kCancelComplete);
  EXPECT_EQ(emu.get("p1")["ConnectionMode"], "Public");
}

TEST(CancelResourceRequest, CancelledDeleteLeavesTheResource) {
  Emulator emu(after_polls(1));
  ProgressEvent created = emu.create(datadog("p1"));
  emu.status(created.request_token);
  emu.status(created.request_token);
  ProgressEvent removal = emu.remove("p1");
  emu.cancel(removal.request_token);
  EXPECT_EQ(emu.status(removal.request_token).status, OperationStatus::kCancelComplete);
  EXPECT_TRUE(emu.exists("p1"));
}

TEST(CancelResourceRequest, CancelledFailureShowsNoErrorCode) {
  Emulator emu(after_polls(1));
  ProgressEvent removal = emu.remove("ghost");
  emu.cancel(removal.request_token);
  ProgressEvent event = emu.status(removal.request_token);
  EXPECT_EQ(event.status, OperationStatus::kCancelComplete);
  EXPECT_FALSE(event.error_code.has_value());
}

TEST(CancelResourceRequest, ResourceStaysBusyWhileCancelInProgress) {
  Emulator emu(after_polls(2));
  ProgressEvent accepted = emu.create(datadog("p1"));
  emu.cancel(accepted.request_token);
  EXPECT_EQ(error_of([&] { emu.create(datadog("p1")); }).code(), ErrorCode::kConcurrentOperation);
  emu.status(accepted.request_token);
  EXPECT_EQ(emu.create(datadog("p1")).status, OperationStatus::kInProgress);
}

TEST(CancelResourceRequest, CancelInMillisecondsModeCompletesOnTheNextPoll) {
  Emulator emu(after_ms(1000));
  ProgressEvent accepted = emu.create(datadog("p1"));
  emu.clock.advance_ms(10);
  ProgressEvent cancelling = emu.cancel(accepted.request_token);
  EXPECT_EQ(cancelling.status, OperationStatus::kCancelInProgress);
  EXPECT_EQ(cancelling.event_time_ms, kStartMs + 10);
  EXPECT_EQ(emu.status(accepted.request_token).status, OperationStatus::kCancelComplete);
  emu.clock.advance_ms(2000);
  EXPECT_EQ(emu.status(accepted.request_token).status, OperationStatus::kCancelComplete);
  EXPECT_FALSE(emu.exists("p1"));
}

TEST(CancelResourceRequest, CancelInMillisecondsModeNeverAppliesAfterTheDelay) {
  Emulator emu(after_ms(1000));
  ProgressEvent accepted = emu.create(datadog("p1"));
  emu.cancel(accepted.request_token);
  emu.clock.advance_ms(1000);
  EXPECT_FALSE(emu.exists("p1"));
  EXPECT_EQ(emu.status(accepted.request_token).status, OperationStatus::kCancelComplete);
}

// AWS refuses to cancel a finished request (issue 20, recorded): ValidationException "Request
// <token> is already in status SUCCESS", likewise FAILED; the request is left as it was.
TEST(CancelResourceRequest, SucceededRequestIsRefused) {
  Emulator emu;
  ProgressEvent accepted = emu.create(datadog("p1"));
  ProgressEvent before = emu.status(accepted.request_token);
  emu.clock.advance_ms(1000);
  ApiError e = error_of([&] { emu.cancel(accepted.request_token); });
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
  EXPECT_EQ(e.message(), "Request " + accepted.request_token + " is already in status SUCCESS");
  EXPECT_EQ(emu.status(accepted.request_token).event_time_ms, before.event_time_ms);
  EXPECT_TRUE(emu.exists("p1"));
}

TEST(CancelResourceRequest, FailedRequestIsRefused) {
  Emulator emu;
  ProgressEvent accepted = emu.remove("ghost");
  ApiError e = error_of([&] { emu.cancel(accepted.request_token); });
  EXPECT_EQ(e.message(), "Request " + accepted.request_token + " is already in status FAILED");
  EXPECT_EQ(emu.status(accepted.request_token).error_code, "NotFound");
}

TEST(CancelResourceRequest, CancelCompleteIsRefused) {
  Emulator emu(after_polls(1));
  ProgressEvent accepted = emu.create(datadog("p1"));
  emu.cancel(accepted.request_token);
  emu.status(accepted.request_token);
  EXPECT_EQ(error_of([&] { emu.cancel(accepted.request_token); }).code(), ErrorCode::kValidation);
}

TEST(CancelResourceRequest, CancellingTwiceStaysCancelInProgress) {
  Emulator emu(after_polls(1));
  ProgressEvent accepted = emu.create(datadog("p1"));
  emu.cancel(accepted.request_token);
  EXPECT_EQ(emu.cancel(accepted.request_token).status, OperationStatus::kCancelInProgress);
  EXPECT_EQ(emu.status(accepted.request_token).status, OperationStatus::kCancelComplete);
}

TEST(CancelResourceRequest, UnknownTokenIsRequestTokenNotFound) {
  Emulator emu;
  ApiError e = error_of([&] { emu.cancel("no-such-token"); });
  EXPECT_EQ(e.code(), ErrorCode::kRequestTokenNotFound);
  EXPECT_EQ(std::string(e.what()), "Request with token no-such-token was not found");
}

// =============================================================================================
// ListResources (spec §3.3)
// =============================================================================================

TEST(ListResources, EmptyListHasNoNextToken) {
  Emulator emu;
  ListResourcesOutput output = emu.list();
  EXPECT_EQ(output.type_name, kType);
  EXPECT_TRUE(output.descriptions.empty());
  EXPECT_FALSE(output.next_token.has_value());
}

TEST(ListResources, ListsInIdentifierOrderWithReadViews) {
  Emulator emu;
  emu.created("p2");
  emu.created("p1");
  ListResourcesOutput output = emu.list();
  ASSERT_EQ(output.descriptions.size(), 2u);
  EXPECT_EQ(output.descriptions[0].identifier, "p1");
  EXPECT_EQ(output.descriptions[1].identifier, "p2");
  EXPECT_EQ(output.descriptions[0].model->read_view_text(),
            emu.get_output("p1").description.model->read_view_text());
  EXPECT_FALSE(json::parse(output.descriptions[1].model->read_view_text())
                   .contains("ConnectorProfileConfig"));
  EXPECT_FALSE(output.next_token.has_value());
}

TEST(ListResources, PagesFollowMaxResults) {
  Emulator emu;
  for (const char* name : {"p1", "p2", "p3", "p4", "p5"}) emu.created(name);
  std::vector<std::vector<std::string>> pages;
  std::vector<std::string> tokens;
  std::optional<std::string> next;
  do {
    ListResourcesOutput output = emu.list(2, next);
    std::vector<std::string> page;
    for (const auto& d : output.descriptions) page.push_back(d.identifier);
    pages.push_back(page);
    next = output.next_token;
    if (next) tokens.push_back(*next);
  } while (next && pages.size() < 10);
  EXPECT_EQ(pages, (std::vector<std::vector<std::string>>{{"p1", "p2"}, {"p3", "p4"}, {"p5"}}));
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_NE(tokens[0], tokens[1]);
}

TEST(ListResources, LastFullPageHasNoNextToken) {
  Emulator emu;
  for (const char* name : {"p1", "p2", "p3", "p4"}) emu.created(name);
  ListResourcesOutput first = emu.list(2);
  ASSERT_TRUE(first.next_token.has_value());
  ListResourcesOutput second = emu.list(2, first.next_token);
  EXPECT_EQ(second.descriptions.size(), 2u);
  EXPECT_FALSE(second.next_token.has_value());
}

TEST(ListResources, DefaultPageIsOneHundred) {
  Emulator emu;
  for (int i = 0; i < 101; ++i) {
    char name[8];
    std::snprintf(name, sizeof name, "p%03d", i);
    emu.create(datadog(name));
  }
  ListResourcesOutput first = emu.list();
  EXPECT_EQ(first.descriptions.size(), 100u);
  ASSERT_TRUE(first.next_token.has_value());
  ListResourcesOutput second = emu.list(std::nullopt, first.next_token);
  ASSERT_EQ(second.descriptions.size(), 1u);
  EXPECT_EQ(second.descriptions[0].identifier, "p100");
  EXPECT_FALSE(second.next_token.has_value());
}

TEST(ListResources, PageAfterADeletedCursorContinues) {
  Emulator emu;
  for (const char* name : {"p1", "p2", "p3"}) emu.created(name);
  ListResourcesOutput first = emu.list(1);
  emu.remove("p1");
  ListResourcesOutput second = emu.list(1, first.next_token);
  ASSERT_EQ(second.descriptions.size(), 1u);
  EXPECT_EQ(second.descriptions[0].identifier, "p2");
}

TEST(ListResources, ForeignNextTokenIsInvalidRequest) {
  Emulator emu;
  emu.created("p1");
  ApiError e = error_of([&] { emu.list(std::nullopt, std::string("!!!")); });
  EXPECT_EQ(e.code(), ErrorCode::kInvalidRequest);
}

TEST(ListResources, ResourceModelThatIsNotAnObjectIsValidationException) {
  Emulator emu;
  ApiError e = error_of(
      [&] { emu.service.list_resources(kCaller, {.type_name = kType, .resource_model = "[]"}); });
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
  EXPECT_TRUE(starts_with(e.what(), "Model validation failed")) << e.what();
}

TEST(ListResources, ResourceModelObjectIsAccepted) {
  Emulator emu;
  emu.created("p1");
  ListResourcesOutput output =
      emu.service.list_resources(kCaller, {.type_name = kType, .resource_model = "{}"});
  EXPECT_EQ(output.descriptions.size(), 1u);
}

TEST(ListResources, UnknownTypeIsTypeNotFound) {
  Emulator emu;
  ApiError e =
      error_of([&] { emu.service.list_resources(kCaller, {.type_name = "AWS::Foo::Bar"}); });
  EXPECT_EQ(e.code(), ErrorCode::kTypeNotFound);
  EXPECT_EQ(std::string(e.what()), "The type 'AWS::Foo::Bar' cannot be found.");
}

// =============================================================================================
// ListResourceRequests (spec §3.7)
// =============================================================================================

TEST(ListResourceRequests, EmptyListHasNoNextToken) {
  Emulator emu;
  ListResourceRequestsOutput output = emu.requests();
  EXPECT_TRUE(output.summaries.empty());
  EXPECT_FALSE(output.next_token.has_value());
}

TEST(ListResourceRequests, NewestFirstWithTerminalEvents) {
  Emulator emu;
  ProgressEvent first = emu.create(datadog("p1"));
  emu.clock.advance_ms(1);
  emu.create(datadog("p2"));
  emu.clock.advance_ms(1);
  emu.remove("p1");
  ListResourceRequestsOutput output = emu.requests();
  EXPECT_EQ(
      describe(output.summaries),
      (std::vector<std::string>{"DELETE p1 SUCCESS", "CREATE p2 SUCCESS", "CREATE p1 SUCCESS"}));
  EXPECT_EQ(output.summaries[2].request_token, first.request_token);
  EXPECT_EQ(output.summaries[2].type_name, kType);
  EXPECT_FALSE(output.next_token.has_value());
}

// create p1 (SUCCESS), create p1 (FAILED AlreadyExists), delete ghost (FAILED NotFound),
// update p1 (SUCCESS), oldest first.
void make_mixed_history(Emulator& emu) {
  emu.create(datadog("p1"));
  emu.create(datadog("p1"));
  emu.remove("ghost");
  emu.update("p1", R"([{"op":"replace","path":"/ConnectionMode","value":"Private"}])");
}

TEST(ListResourceRequests, FilterByOperation) {
  Emulator emu;
  make_mixed_history(emu);
  EXPECT_EQ(describe(emu.requests({.operations = {Operation::kCreate}}).summaries),
            (std::vector<std::string>{"CREATE p1 FAILED", "CREATE p1 SUCCESS"}));
  EXPECT_EQ(
      describe(emu.requests({.operations = {Operation::kDelete, Operation::kUpdate}}).summaries),
      (std::vector<std::string>{"UPDATE p1 SUCCESS", "DELETE ghost FAILED"}));
}

TEST(ListResourceRequests, FilterByStatus) {
  Emulator emu;
  make_mixed_history(emu);
  EXPECT_EQ(describe(emu.requests({.statuses = {OperationStatus::kFailed}}).summaries),
            (std::vector<std::string>{"DELETE ghost FAILED", "CREATE p1 FAILED"}));
  EXPECT_TRUE(emu.requests({.statuses = {OperationStatus::kInProgress}}).summaries.empty());
}

TEST(ListResourceRequests, OperationAndStatusFiltersCombine) {
  Emulator emu;
  make_mixed_history(emu);
  EXPECT_EQ(describe(emu.requests({.operations = {Operation::kCreate},
                                   .statuses = {OperationStatus::kFailed}})
                         .summaries),
            (std::vector<std::string>{"CREATE p1 FAILED"}));
}

TEST(ListResourceRequests, FailedSummariesCarryErrorCodeAndMessage) {
  Emulator emu;
  emu.remove("ghost");
  ListResourceRequestsOutput output = emu.requests();
  ASSERT_EQ(output.summaries.size(), 1u);
  EXPECT_EQ(output.summaries[0].error_code, "NotFound");
  EXPECT_EQ(output.summaries[0].status_message,
            "Resource of type 'AWS::AppFlow::ConnectorProfile' with identifier 'ghost' was not "
            "found.");
}

TEST(ListResourceRequests, PagesFollowMaxResults) {
  Emulator emu;
  for (const char* name : {"p1", "p2", "p3", "p4", "p5"}) emu.create(datadog(name));
  std::vector<std::string> seen;
  std::vector<size_t> sizes;
  std::optional<std::string> next;
  do {
    ListResourceRequestsOutput output = emu.requests({.max_results = 2, .next_token = next});
    sizes.push_back(output.summaries.size());
    for (const auto& e : output.summaries) seen.push_back(e.identifier);
    next = output.next_token;
    if (next) {
      EXPECT_TRUE(std::regex_match(*next, std::regex("[-A-Za-z0-9+/=]+"))) << *next;
    }
  } while (next && sizes.size() < 10);
  EXPECT_EQ(sizes, (std::vector<size_t>{2, 2, 1}));
  EXPECT_EQ(seen, (std::vector<std::string>{"p5", "p4", "p3", "p2", "p1"}));
}

TEST(ListResourceRequests, LastFullPageHasNoNextToken) {
  Emulator emu;
  for (const char* name : {"p1", "p2", "p3", "p4"}) emu.create(datadog(name));
  ListResourceRequestsOutput first = emu.requests({.max_results = 2});
  ASSERT_TRUE(first.next_token.has_value());
  ListResourceRequestsOutput second =
      emu.requests({.max_results = 2, .next_token = first.next_token});
  EXPECT_EQ(second.summaries.size(), 2u);
  EXPECT_FALSE(second.next_token.has_value());
}

TEST(ListResourceRequests, FiltersApplyAcrossPages) {
  Emulator emu;
  make_mixed_history(emu);
  ListResourceRequestsInput input{.max_results = 1, .statuses = {OperationStatus::kSuccess}};
  ListResourceRequestsOutput first = emu.requests(input);
  EXPECT_EQ(describe(first.summaries), (std::vector<std::string>{"UPDATE p1 SUCCESS"}));
  ASSERT_TRUE(first.next_token.has_value());
  input.next_token = first.next_token;
  ListResourceRequestsOutput second = emu.requests(input);
  EXPECT_EQ(describe(second.summaries), (std::vector<std::string>{"CREATE p1 SUCCESS"}));
  EXPECT_FALSE(second.next_token.has_value());
}

TEST(ListResourceRequests, DefaultPageIsTwenty) {
  Emulator emu;
  for (int i = 0; i < 25; ++i) emu.create(datadog("p" + std::to_string(i)));
  ListResourceRequestsOutput first = emu.requests();
  EXPECT_EQ(first.summaries.size(), 20u);
  ASSERT_TRUE(first.next_token.has_value());
  ListResourceRequestsOutput second = emu.requests({.next_token = first.next_token});
  EXPECT_EQ(second.summaries.size(), 5u);
  EXPECT_FALSE(second.next_token.has_value());
  EXPECT_EQ(second.summaries.back().identifier, "p0");
}

TEST(ListResourceRequests, NewRequestsDoNotShiftLaterPages) {
  Emulator emu;
  for (const char* name : {"p1", "p2", "p3"}) emu.create(datadog(name));
  ListResourceRequestsOutput first = emu.requests({.max_results = 2});
  emu.create(datadog("p4"));
  ListResourceRequestsOutput second =
      emu.requests({.max_results = 2, .next_token = first.next_token});
  EXPECT_EQ(describe(second.summaries), (std::vector<std::string>{"CREATE p1 SUCCESS"}));
}

TEST(ListResourceRequests, ForeignNextTokenIsValidationException) {
  Emulator emu;
  emu.create(datadog("p1"));
  ApiError e = error_of([&] { emu.requests({.next_token = "bm90LWEtbnVtYmVy"}); });
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
}

// =============================================================================================
// State per (account, region) (design decisions "Identity")
// =============================================================================================

TEST(AccountRegionIsolation, ResourceIsInvisibleInAnotherRegion) {
  Emulator emu;
  emu.created("p1");
  EXPECT_FALSE(emu.exists("p1", kOtherRegion));
  EXPECT_TRUE(emu.listed_identifiers(kOtherRegion).empty());
}

TEST(AccountRegionIsolation, ResourceIsInvisibleInAnotherAccount) {
  Emulator emu;
  emu.created("p1");
  EXPECT_FALSE(emu.exists("p1", kOtherAccount));
  EXPECT_TRUE(emu.listed_identifiers(kOtherAccount).empty());
}

TEST(AccountRegionIsolation, SameNameCanBeCreatedInEachScope) {
  Emulator emu;
  emu.created("p1");
  ProgressEvent other = emu.create(datadog("p1"), std::nullopt, kOtherRegion);
  EXPECT_EQ(emu.status(other.request_token, kOtherRegion).status, OperationStatus::kSuccess);
  EXPECT_EQ(emu.get("p1", kOtherRegion)["ConnectorProfileArn"],
            "arn:aws:appflow:eu-west-1:123456789012:connectorprofile/p1");

  ProgressEvent third = emu.create(datadog("p1"), std::nullopt, kOtherAccount);
  EXPECT_EQ(emu.status(third.request_token, kOtherAccount).status, OperationStatus::kSuccess);
  EXPECT_EQ(emu.get("p1", kOtherAccount)["ConnectorProfileArn"],
            "arn:aws:appflow:us-east-1:210987654321:connectorprofile/p1");
  EXPECT_TRUE(starts_with(emu.get("p1", kOtherAccount)["CredentialsArn"].get<std::string>(),
                          "arn:aws:secretsmanager:us-east-1:210987654321:secret:appflow!"
                          "210987654321-p1-"));
}

TEST(AccountRegionIsolation, DeleteInOneScopeLeavesTheOthers) {
  Emulator emu;
  emu.created("p1");
  emu.create(datadog("p1"), std::nullopt, kOtherRegion);
  ProgressEvent removal = emu.remove("p1", std::nullopt, kOtherRegion);
  EXPECT_EQ(emu.status(removal.request_token, kOtherRegion).status, OperationStatus::kSuccess);
  EXPECT_TRUE(emu.exists("p1"));
  EXPECT_FALSE(emu.exists("p1", kOtherRegion));
}

TEST(AccountRegionIsolation, RequestTokensAreScoped) {
  Emulator emu;
  ProgressEvent accepted = emu.create(datadog("p1"));
  EXPECT_EQ(error_of([&] { emu.status(accepted.request_token, kOtherRegion); }).code(),
            ErrorCode::kRequestTokenNotFound);
  EXPECT_EQ(error_of([&] { emu.cancel(accepted.request_token, kOtherAccount); }).code(),
            ErrorCode::kRequestTokenNotFound);
}

TEST(AccountRegionIsolation, RequestListsAreScoped) {
  Emulator emu;
  emu.create(datadog("p1"));
  emu.create(datadog("p2"), std::nullopt, kOtherRegion);
  EXPECT_EQ(describe(emu.requests().summaries), (std::vector<std::string>{"CREATE p1 SUCCESS"}));
  EXPECT_EQ(describe(emu.requests({}, kOtherRegion).summaries),
            (std::vector<std::string>{"CREATE p2 SUCCESS"}));
  EXPECT_TRUE(emu.requests({}, kOtherAccount).summaries.empty());
}

TEST(AccountRegionIsolation, BusyResourceInOneScopeDoesNotBlockAnother) {
  Emulator emu(after_polls(2));
  emu.create(datadog("p1"));
  EXPECT_EQ(emu.create(datadog("p1"), std::nullopt, kOtherRegion).status,
            OperationStatus::kInProgress);
}

// =============================================================================================
// ValidationLevel: --validation schema|service
// =============================================================================================

TEST(ValidationLevel, ServiceLevelRefusesTheMinimalModel) {
  Emulator emu;
  ProgressEvent accepted = emu.create(minimal("p1"));
  EXPECT_EQ(accepted.status, OperationStatus::kInProgress);
  ProgressEvent event = emu.status(accepted.request_token);
  EXPECT_EQ(event.status, OperationStatus::kFailed);
  EXPECT_EQ(event.error_code, "InvalidRequest");
  ASSERT_TRUE(event.status_message.has_value());
  EXPECT_TRUE(starts_with(*event.status_message, "Invalid request provided: "))
      << *event.status_message;
  EXPECT_NE(event.status_message->find("Value null at 'connectorProfileConfig' failed to satisfy "
                                       "constraint: Member must not be null"),
            std::string::npos)
      << *event.status_message;
  EXPECT_FALSE(emu.exists("p1"));
}

TEST(ValidationLevel, SchemaLevelAcceptsTheMinimalModel) {
  Emulator emu(schema_validation());
  ProgressEvent event = emu.status(emu.create(minimal("p1")).request_token);
  EXPECT_EQ(event.status, OperationStatus::kSuccess);
  json properties = emu.get("p1");
  EXPECT_EQ(properties["ConnectorProfileName"], "p1");
  EXPECT_EQ(properties["ConnectorProfileArn"],
            "arn:aws:appflow:us-east-1:123456789012:connectorprofile/p1");
}

TEST(ValidationLevel, SchemaLevelStillRefusesUnknownKeys) {
  Emulator emu(schema_validation());
  json model = minimal("p1");
  model["Foo"] = "bar";
  ApiError e = error_of([&] { emu.create(model); });
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
  EXPECT_TRUE(starts_with(e.what(), "Model validation failed (")) << e.what();
}

TEST(ValidationLevel, SchemaLevelStillRefusesSchemaFailures) {
  Emulator emu(schema_validation());
  json model = minimal("p1");
  model.erase("ConnectorType");
  ApiError e = error_of([&] { emu.create(model); });
  EXPECT_EQ(e.code(), ErrorCode::kValidation);
  EXPECT_NE(std::string(e.what()).find("ConnectorType"), std::string::npos) << e.what();
}

TEST(ValidationLevel, ServiceLevelAcceptsACompleteModel) {
  Emulator emu;
  EXPECT_EQ(emu.created("p1").status, OperationStatus::kSuccess);
}

TEST(ValidationLevel, ServiceLevelRefusesAnotherConnectorsCredentials) {
  Emulator emu;
  json model = datadog("p1");
  model["ConnectorProfileConfig"]["ConnectorProfileCredentials"]["Singular"] = {{"ApiKey", "k"}};
  ProgressEvent event = emu.status(emu.create(model).request_token);
  EXPECT_EQ(event.status, OperationStatus::kFailed);
  EXPECT_EQ(event.error_code, "InvalidRequest");
  ASSERT_TRUE(event.status_message.has_value());
  EXPECT_TRUE(starts_with(*event.status_message, "Invalid request provided: "));
  EXPECT_NE(event.status_message->find("Singular"), std::string::npos) << *event.status_message;
}

TEST(ValidationLevel, SchemaLevelAcceptsAnotherConnectorsCredentials) {
  Emulator emu(schema_validation());
  json model = datadog("p1");
  model["ConnectorProfileConfig"]["ConnectorProfileCredentials"]["Singular"] = {{"ApiKey", "k"}};
  EXPECT_EQ(emu.status(emu.create(model).request_token).status, OperationStatus::kSuccess);
}

TEST(ValidationLevel, SchemaLevelUpdateOfAMinimalModelSucceeds) {
  Emulator emu(schema_validation());
  emu.create(minimal("p1"));
  ProgressEvent event = emu.status(
      emu.update("p1", R"([{"op":"replace","path":"/ConnectionMode","value":"Private"}])")
          .request_token);
  EXPECT_EQ(event.status, OperationStatus::kSuccess);
  EXPECT_EQ(emu.get("p1")["ConnectionMode"], "Private");
}

// =============================================================================================
// reset()
// =============================================================================================

TEST(Reset, ForgetsResourcesRequestsAndClientTokens) {
  Emulator emu;
  ProgressEvent accepted = emu.create(datadog("p1"), "t");
  emu.service.reset();
  EXPECT_FALSE(emu.exists("p1"));
  EXPECT_TRUE(emu.requests().summaries.empty());
  EXPECT_EQ(error_of([&] { emu.status(accepted.request_token); }).code(),
            ErrorCode::kRequestTokenNotFound);
  EXPECT_NE(emu.create(datadog("p2"), "t").request_token, accepted.request_token);
}

}  // namespace
