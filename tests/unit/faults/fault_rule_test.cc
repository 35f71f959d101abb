// Fault rules (faults/fault_rule.h): their JSON form, defaults and every refusal.
#include "faults/fault_rule.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace ccemu::faults {
namespace {

using nlohmann::json;

std::string refusal(const json& rules) {
  try {
    parse_fault_rules(rules);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "accepted";
}

TEST(FaultRule, ErrorRuleWithEveryMatchKey) {
  auto rules = parse_fault_rules({{"operation", "GetResource"},
                                  {"type_name", "AWS::AppFlow::ConnectorProfile"},
                                  {"identifier", "p1"},
                                  {"error", {{"code", "ServiceInternalErrorException"}}},
                                  {"times", 2}});
  ASSERT_EQ(rules.size(), 1u);
  EXPECT_EQ(rules[0].operation, "GetResource");
  EXPECT_EQ(rules[0].type_name, "AWS::AppFlow::ConnectorProfile");
  EXPECT_EQ(rules[0].identifier, "p1");
  EXPECT_EQ(rules[0].effect, FaultRule::Effect::kError);
  EXPECT_EQ(rules[0].error, ErrorCode::kServiceInternalError);
  EXPECT_EQ(rules[0].message, "Injected fault.");
  EXPECT_EQ(rules[0].times, 2);
  EXPECT_FALSE(rules[0].probability);
}

TEST(FaultRule, ThrottlingDefaultsToAwsMessage) {
  auto rules = parse_fault_rules({{"error", {{"code", "ThrottlingException"}}}});
  EXPECT_EQ(rules[0].message, "Rate exceeded");
  EXPECT_EQ(to_json(rules[0]), json::parse(R"({"error":{"code":"ThrottlingException",
                                                        "message":"Rate exceeded"}})"));
}

TEST(FaultRule, FailedEventAndLatencyRulesInAnArray) {
  auto rules = parse_fault_rules(json::parse(R"([
      {"operation": "CreateResource",
       "failed_event": {"error_code": "ServiceInternalError", "status_message": "boom"},
       "probability": 0.5},
      {"latency_ms": 250}])"));
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0].effect, FaultRule::Effect::kFailedEvent);
  EXPECT_EQ(rules[0].handler_error_code, "ServiceInternalError");
  EXPECT_EQ(rules[0].message, "boom");
  EXPECT_EQ(rules[0].probability, 0.5);
  EXPECT_EQ(rules[1].effect, FaultRule::Effect::kLatency);
  EXPECT_EQ(rules[1].latency_ms, 250);
  EXPECT_EQ(to_json(rules[1]), json::parse(R"({"latency_ms":250})"));
}

TEST(FaultRule, FailedEventDefaultMessageNamesTheCode) {
  auto rules = parse_fault_rules({{"failed_event", {{"error_code", "Throttling"}}}});
  EXPECT_EQ(rules[0].message, "Injected fault: the handler failed with Throttling.");
}

TEST(FaultRule, Refusals) {
  EXPECT_EQ(refusal(json::array({1})), "Invalid fault rule 1: expected a JSON object");
  EXPECT_EQ(refusal({{"latency_ms", 1}, {"when", "now"}}),
            "Invalid fault rule 1: unknown member 'when'");
  EXPECT_EQ(refusal(json::object()),
            "Invalid fault rule 1: give exactly one of error, failed_event and latency_ms");
  EXPECT_EQ(refusal({{"latency_ms", 1}, {"error", {{"code", "ThrottlingException"}}}}),
            "Invalid fault rule 1: give exactly one of error, failed_event and latency_ms");
  EXPECT_EQ(refusal({{"operation", "Fly"}, {"latency_ms", 1}}),
            "Invalid fault rule 1: operation must be one of CreateResource, GetResource, "
            "ListResources, UpdateResource, DeleteResource, GetResourceRequestStatus, "
            "ListResourceRequests, CancelResourceRequest, CreateConnectorProfile, "
            "DescribeConnectorProfiles, UpdateConnectorProfile, DeleteConnectorProfile, "
            "TagResource, UntagResource, ListTagsForResource, GetCallerIdentity, AssumeRole, "
            "AssumeRoleWithWebIdentity, GetSessionToken");
  EXPECT_EQ(refusal({{"error", {{"code", "Nope"}}}}),
            "Invalid fault rule 1: error.code 'Nope' is not an error name (e.g. "
            "ThrottlingException)");
  EXPECT_EQ(refusal({{"error", {{"code", "ThrottlingException"}, {"status", 1}}}}),
            "Invalid fault rule 1: unknown member 'error.status'");
  EXPECT_EQ(
      refusal({{"operation", "GetResource"}, {"failed_event", {{"error_code", "Throttling"}}}}),
      "Invalid fault rule 1: a failed_event needs CreateResource, UpdateResource or "
      "DeleteResource");
  EXPECT_EQ(refusal({{"failed_event", {{"error_code", "Oops"}}}}).substr(0, 66),
            "Invalid fault rule 1: failed_event.error_code must be one of NotUp");
  EXPECT_EQ(refusal({{"latency_ms", -1}}),
            "Invalid fault rule 1: latency_ms must be an integer from 0 to 300000");
  EXPECT_EQ(refusal({{"latency_ms", 1.5}}),
            "Invalid fault rule 1: latency_ms must be an integer from 0 to 300000");
  EXPECT_EQ(refusal({{"latency_ms", 1}, {"times", 0}}),
            "Invalid fault rule 1: times must be an integer of at least 1");
  EXPECT_EQ(refusal({{"latency_ms", 1}, {"probability", 1.5}}),
            "Invalid fault rule 1: probability must be a number from 0 to 1");
  EXPECT_EQ(refusal({{"latency_ms", 1}, {"probability", 0.5}, {"times", 1}}),
            "Invalid fault rule 1: give at most one of times and probability");
  EXPECT_EQ(refusal({{"latency_ms", 1}, {"identifier", ""}}),
            "Invalid fault rule 1: identifier must be a non-empty string of at most 2048 "
            "characters");
  EXPECT_EQ(refusal(json::parse(R"([{"latency_ms": 1}, {"latency_ms": "1"}])")),
            "Invalid fault rule 2: latency_ms must be an integer from 0 to 300000");
}

}  // namespace
}  // namespace ccemu::faults
