// FAILED ProgressEvents from fault rules (cloudcontrol/injected_failure.h) through the service.
#include "cloudcontrol/injected_failure.h"

#include <gtest/gtest.h>

#include "cloudcontrol/service.h"

namespace ccemu::cloudcontrol {
namespace {

using nlohmann::json;

constexpr char kType[] = "AWS::AppFlow::ConnectorProfile";
const Caller kCaller{"123456789012", "us-east-1"};

const resources::TypeRegistry& registry() {
  static const resources::TypeRegistry* types = [] {
    auto* loaded = new resources::TypeRegistry();
    loaded->load_directory(CCEMU_SOURCE_DIR "/schema", schema::Strictness::kWrapper);
    return loaded;
  }();
  return *types;
}

std::string desired_state(const std::string& name) {
  return json{{"ConnectorProfileName", name},
              {"ConnectorType", "Datadog"},
              {"ConnectionMode", "Public"},
              {"ConnectorProfileConfig",
               {{"ConnectorProfileProperties",
                 {{"Datadog", {{"InstanceUrl", "https://api.datadoghq.com"}}}}},
                {"ConnectorProfileCredentials",
                 {{"Datadog", {{"ApiKey", "api-key"}, {"ApplicationKey", "app-key"}}}}}}}}
      .dump();
}

class InjectedFailureTest : public ::testing::Test {
 protected:
  ServiceOptions options() {
    ServiceOptions options;
    options.faults = &faults_;
    return options;
  }
  ProgressEvent finished(const ProgressEvent& accepted) {
    return service_.get_resource_request_status(kCaller, accepted.request_token);
  }

  ManualClock clock_{1'700'000'000'000};
  IdGenerator ids_{3};
  faults::FaultPlan faults_{ids_};
  CloudControlService service_{registry(), clock_, ids_, options()};
};

TEST_F(InjectedFailureTest, CreateEndsFailedAndStoresNothing) {
  faults_.add(
      {{"operation", "CreateResource"},
       {"identifier", "p1"},
       {"failed_event", {{"error_code", "ServiceInternalError"}, {"status_message", "x"}}}});
  const ProgressEvent accepted =
      service_.create_resource(kCaller, {.type_name = kType, .desired_state = desired_state("p1")});
  EXPECT_EQ(accepted.status, OperationStatus::kInProgress);
  const ProgressEvent event = finished(accepted);
  EXPECT_EQ(event.status, OperationStatus::kFailed);
  EXPECT_EQ(event.error_code, "ServiceInternalError");
  EXPECT_EQ(event.status_message, "x");
  EXPECT_THROW(service_.get_resource(kCaller, {.type_name = kType, .identifier = "p1"}), ApiError);
  // Another identifier is not matched.
  EXPECT_EQ(finished(service_.create_resource(
                         kCaller, {.type_name = kType, .desired_state = desired_state("p2")}))
                .status,
            OperationStatus::kSuccess);
}

TEST_F(InjectedFailureTest, DeleteEndsFailedAndKeepsTheResource) {
  finished(service_.create_resource(kCaller,
                                    {.type_name = kType, .desired_state = desired_state("p1")}));
  faults_.add({{"operation", "DeleteResource"}, {"failed_event", {{"error_code", "Throttling"}}}});
  const ProgressEvent event =
      finished(service_.delete_resource(kCaller, {.type_name = kType, .identifier = "p1"}));
  EXPECT_EQ(event.status, OperationStatus::kFailed);
  EXPECT_EQ(event.error_code, "Throttling");
  EXPECT_NO_THROW(service_.get_resource(kCaller, {.type_name = kType, .identifier = "p1"}));
}

}  // namespace
}  // namespace ccemu::cloudcontrol
