// FaultPlan (faults/fault_plan.h): matching, the two phases, frequencies and seeded probabilities.
#include "faults/fault_plan.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace ccemu::faults {
namespace {

using nlohmann::json;

constexpr char kType[] = "AWS::AppFlow::ConnectorProfile";

class FaultPlanTest : public ::testing::Test {
 protected:
  std::optional<ErrorCode> error_for(std::string_view operation, std::string_view type = kType,
                                     std::string_view identifier = "") {
    auto fault = plan_.immediate({operation, type, identifier});
    if (!fault.error) return std::nullopt;
    return fault.error->code();
  }

  IdGenerator ids_{11};
  FaultPlan plan_{ids_};
};

TEST_F(FaultPlanTest, NoRulesNoFault) {
  auto fault = plan_.immediate({"GetResource", kType, "p1"});
  EXPECT_EQ(fault.latency.count(), 0);
  EXPECT_FALSE(fault.error);
  EXPECT_FALSE(plan_.failed_event({"CreateResource", kType, "p1"}));
}

TEST_F(FaultPlanTest, MatchesOnOperationTypeAndIdentifier) {
  plan_.add({{"operation", "GetResource"},
             {"type_name", kType},
             {"identifier", "p1"},
             {"error", {{"code", "ResourceConflictException"}, {"message", "busy"}}}});
  EXPECT_FALSE(error_for("ListResources", kType, "p1"));
  EXPECT_FALSE(error_for("GetResource", "AWS::Other::Type", "p1"));
  EXPECT_FALSE(error_for("GetResource", kType, "p2"));
  auto fault = plan_.immediate({"GetResource", kType, "p1"});
  ASSERT_TRUE(fault.error);
  EXPECT_EQ(fault.error->code(), ErrorCode::kResourceConflict);
  EXPECT_STREQ(fault.error->what(), "busy");
}

TEST_F(FaultPlanTest, NextTimesThenNoMore) {
  plan_.add({{"error", {{"code", "ThrottlingException"}}}, {"times", 2}});
  EXPECT_EQ(error_for("GetResource"), ErrorCode::kThrottling);
  EXPECT_EQ(error_for("CreateResource"), ErrorCode::kThrottling);
  EXPECT_FALSE(error_for("GetResource"));
  const json rule = plan_.describe()["rules"][0];
  EXPECT_EQ(rule["id"], 1);
  EXPECT_EQ(rule["fired"], 2);
  EXPECT_EQ(rule["remaining"], 0);
}

TEST_F(FaultPlanTest, LatenciesAddUpAndTheFirstFiringErrorWins) {
  plan_.add(json::parse(R"([
      {"latency_ms": 30},
      {"error": {"code": "ThrottlingException"}, "times": 1},
      {"error": {"code": "NetworkFailureException"}},
      {"latency_ms": 12}])"));
  auto first = plan_.immediate({"GetResource", kType, ""});
  EXPECT_EQ(first.latency.count(), 42);
  EXPECT_EQ(first.error->code(), ErrorCode::kThrottling);
  auto second = plan_.immediate({"GetResource", kType, ""});
  EXPECT_EQ(second.error->code(), ErrorCode::kNetworkFailure);
}

TEST_F(FaultPlanTest, FailedEventRulesAreOnlyConsultedByTheService) {
  plan_.add({{"failed_event", {{"error_code", "NotStabilized"}}}, {"times", 1}});
  EXPECT_FALSE(error_for("CreateResource"));
  auto failed = plan_.failed_event({"CreateResource", kType, "p1"});
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->error_code, "NotStabilized");
  EXPECT_EQ(failed->status_message, "Injected fault: the handler failed with NotStabilized.");
  EXPECT_FALSE(plan_.failed_event({"CreateResource", kType, "p1"}));
}

TEST_F(FaultPlanTest, ProbabilityRepeatsUnderTheSameSeed) {
  auto pattern = [](uint64_t seed) {
    IdGenerator ids(seed);
    FaultPlan plan(ids);
    plan.add({{"error", {{"code", "ThrottlingException"}}}, {"probability", 0.5}});
    std::string fired;
    for (int i = 0; i < 64; ++i)
      fired += plan.immediate({"GetResource", kType, ""}).error ? 'x' : '.';
    return fired;
  };
  const std::string first = pattern(5);
  EXPECT_EQ(first, pattern(5));
  EXPECT_NE(first.find('x'), std::string::npos);
  EXPECT_NE(first.find('.'), std::string::npos);
  EXPECT_NE(first, pattern(6));
}

TEST_F(FaultPlanTest, ProbabilityZeroNeverAndOneAlways) {
  plan_.add(json::parse(R"([{"error": {"code": "ThrottlingException"}, "probability": 0},
                            {"error": {"code": "NetworkFailureException"}, "probability": 1}])"));
  for (int i = 0; i < 20; ++i) EXPECT_EQ(error_for("GetResource"), ErrorCode::kNetworkFailure);
}

TEST_F(FaultPlanTest, InvalidBatchAddsNothing) {
  EXPECT_THROW(plan_.add(json::parse(R"([{"latency_ms": 5}, {"latency_ms": "x"}])")),
               std::invalid_argument);
  EXPECT_EQ(plan_.describe(), json::parse(R"({"rules": []})"));
}

TEST_F(FaultPlanTest, ClearRemovesEveryRuleAndIdsKeepGrowing) {
  plan_.add({{"latency_ms", 5}});
  plan_.clear();
  EXPECT_EQ(plan_.immediate({"GetResource", kType, ""}).latency.count(), 0);
  plan_.add({{"latency_ms", 5}});
  EXPECT_EQ(plan_.describe()["rules"][0]["id"], 2);
}

}  // namespace
}  // namespace ccemu::faults
