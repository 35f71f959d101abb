// State dumps (cloudcontrol/state_dump.h) and the service's export, import, ledger listing,
// journal replay and snapshots (service_state.cc, service_changes.cc).
#include "cloudcontrol/state_dump.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "cloudcontrol/model.h"
#include "cloudcontrol/service.h"
#include "common/api_error.h"
#include "common/json_corpus.h"

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

json stored_model(const std::string& name) {
  return {
      {"ConnectorProfileName", name},
      {"ConnectorType", "Datadog"},
      {"ConnectionMode", "Public"},
      {"ConnectorProfileArn", "arn:aws:appflow:us-east-1:123456789012:connectorprofile/" + name},
      {"ConnectorProfileConfig",
       {{"ConnectorProfileProperties",
         {{"Datadog", {{"InstanceUrl", "https://api.datadoghq.com"}}}}},
        {"ConnectorProfileCredentials",
         {{"Datadog", {{"ApiKey", "api-key"}, {"ApplicationKey", "app-key"}}}}}}}};
}

// A model as the store keeps it.
store::ModelRef kept(const json& model) {
  return cloudcontrol::stored_model(*registry().find(kType)->schema, model);
}

json dump_of(const json& resources) {
  return {{"format", "ccemu-state"}, {"version", 1}, {"resources", resources}};
}

json dump_of_store(const store::ResourceStore& store, WriteOnlyValues values) {
  return json::parse(dump_state(store.snapshot(), registry(), values));
}

std::string load_error(const json& dump) {
  try {
    load_state(dump, registry(), 0);
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kValidation);
    return e.what();
  }
  return "loaded";
}

TEST(StateDump, NestsResourcesByAccountRegionTypeAndIdentifier) {
  store::ResourceStore store;
  store.put({"123456789012", "us-east-1", kType}, "p1", kept(stored_model("p1")), 0);
  store.put({"210987654321", "eu-west-3", kType}, "p2", kept(stored_model("p2")), 0);
  const json dump = dump_of_store(store, WriteOnlyValues::kIncluded);
  EXPECT_EQ(dump,
            dump_of({{"123456789012", {{"us-east-1", {{kType, {{"p1", stored_model("p1")}}}}}}},
                     {"210987654321", {{"eu-west-3", {{kType, {{"p2", stored_model("p2")}}}}}}}}));
}

TEST(StateDump, MaskedDumpReplacesEveryWriteOnlyValueWithTheMarker) {
  store::ResourceStore store;
  json model = stored_model("p1");
  model["KMSArn"] = "arn:aws:kms:us-east-1:123456789012:key/k";
  store.put({"123456789012", "us-east-1", kType}, "p1", kept(model), 0);
  const json shown = dump_of_store(
      store, WriteOnlyValues::kMasked)["resources"]["123456789012"]["us-east-1"][kType]["p1"];
  EXPECT_EQ(shown["ConnectorProfileConfig"], "***");
  EXPECT_EQ(shown["KMSArn"], "***");
  EXPECT_EQ(shown["ConnectorProfileName"], "p1");
  EXPECT_EQ(shown.dump().find("api-key"), std::string::npos);
}

TEST(StateDump, LoadRoundTripsAnUnmaskedDump) {
  store::ResourceStore store;
  store.put({"123456789012", "us-east-1", kType}, "p1", kept(stored_model("p1")), 0);
  const json dump = dump_of_store(store, WriteOnlyValues::kIncluded);
  const store::ResourceStore loaded = load_state(dump, registry(), 0);
  EXPECT_EQ(loaded.snapshot().size(), 1u);
  ASSERT_NE(loaded.find({"123456789012", "us-east-1", kType}, "p1"), nullptr);
  EXPECT_EQ(loaded.find({"123456789012", "us-east-1", kType}, "p1")->parse(), stored_model("p1"));
}

TEST(StateDump, EmptyDumpLoadsEmpty) {
  EXPECT_EQ(load_state(dump_of(json::object()), registry(), 0).snapshot().size(), 0u);
}

TEST(StateDump, RefusesWrongEnvelope) {
  EXPECT_EQ(load_error(json::array()), "Invalid state dump: expected a JSON object");
  EXPECT_EQ(load_error({{"format", "other"}, {"version", 1}, {"resources", json::object()}}),
            "Invalid state dump: format must be \"ccemu-state\"");
  EXPECT_EQ(load_error({{"format", "ccemu-state"}, {"version", 3}, {"resources", json::object()}}),
            "Invalid state dump: version must be 1 or 2");
  EXPECT_EQ(load_error({{"format", "ccemu-state"}, {"version", 1}}),
            "Invalid state dump: resources must be an object");
  json extra = dump_of(json::object());
  extra["more"] = 1;
  EXPECT_EQ(load_error(extra), "Invalid state dump: unknown member 'more'");
}

TEST(StateDump, RefusesBadAccountRegionAndType) {
  EXPECT_EQ(load_error(dump_of({{"12345", json::object()}})),
            "Invalid state dump: '12345' is not a 12-digit account id");
  EXPECT_EQ(load_error(dump_of({{"123456789012", {{"moon", json::object()}}}})),
            "Invalid state dump at 123456789012: 'moon' is not a region name");
  EXPECT_EQ(
      load_error(dump_of({{"123456789012", {{"us-east-1", {{"AWS::No::Such", json::object()}}}}}})),
      "Invalid state dump at 123456789012/us-east-1/AWS::No::Such: type 'AWS::No::Such' is not "
      "served");
}

TEST(StateDump, RefusesAModelThatFailsItsSchema) {
  json model = stored_model("p1");
  model.erase("ConnectorType");
  EXPECT_EQ(load_error(dump_of({{"123456789012", {{"us-east-1", {{kType, {{"p1", model}}}}}}}})),
            "Invalid state dump at 123456789012/us-east-1/AWS::AppFlow::ConnectorProfile/p1: Model "
            "validation failed (#: required key [ConnectorType] not found)");
}

TEST(StateDump, RefusesAnIdentifierThatIsNotTheModels) {
  EXPECT_EQ(
      load_error(
          dump_of({{"123456789012", {{"us-east-1", {{kType, {{"p9", stored_model("p1")}}}}}}}})),
      "Invalid state dump at 123456789012/us-east-1/AWS::AppFlow::ConnectorProfile/p9: the model's "
      "primary identifier is 'p1', not its key");
}

TEST(StateDump, RefusesTheMarkerOfAMaskedDump) {
  store::ResourceStore store;
  store.put({"123456789012", "us-east-1", kType}, "p1", kept(stored_model("p1")), 0);
  EXPECT_EQ(
      load_error(dump_of_store(store, WriteOnlyValues::kMasked)),
      "Invalid state dump at 123456789012/us-east-1/AWS::AppFlow::ConnectorProfile/p1: "
      "write-only property /ConnectorProfileConfig holds the marker \"***\" of a masked dump; "
      "GET /_ccemu/state cannot restore write-only values");
}

// Dumps assembled from stored text are what serializing the trees gives, masked or not: the
// envelope, then the resources nested and in order, each model dumped.
TEST(StateDump, IsTheSerializedTreesForTrickyModels) {
  store::ResourceStore store;
  json resources = json::object();
  json masked_resources = json::object();
  const std::vector<std::pair<std::string, std::string>> places = {
      {"123456789012", "us-east-1"}, {"123456789012", "eu-west-3"}, {"210987654321", "us-east-1"}};
  for (size_t i = 0; i < testing::tricky_model_texts().size(); ++i) {
    json model = json::parse(testing::tricky_model_texts()[i]);
    model["ConnectorProfileConfig"] = json::parse(testing::tricky_model_texts()[i]);
    model["KMSArn"] = "arn:aws:kms:us-east-1:123456789012:key/ü\"";
    const auto& [account, region] = places[i % places.size()];
    const std::string identifier = "p" + std::to_string(i) + " \"ü\"";
    store.put({account, region, kType}, identifier, kept(model), 0);
    resources[account][region][kType][identifier] = model;
    json masked = model;
    masked["ConnectorProfileConfig"] = kWriteOnlyMarker;
    masked["KMSArn"] = kWriteOnlyMarker;
    masked_resources[account][region][kType][identifier] = masked;
  }
  const std::string envelope = R"({"format":"ccemu-state","version":1,"resources":)";
  EXPECT_EQ(dump_state(store.snapshot(), registry(), WriteOnlyValues::kIncluded),
            envelope + resources.dump() + "}");
  EXPECT_EQ(dump_state(store.snapshot(), registry(), WriteOnlyValues::kMasked),
            envelope + masked_resources.dump() + "}");
  EXPECT_EQ(dump_state({}, registry(), WriteOnlyValues::kMasked), envelope + "{}}");
}

class ServiceStateTest : public ::testing::Test {
 protected:
  void create(const std::string& name) {
    service_.create_resource(kCaller, {.type_name = kType, .desired_state = [&] {
                                         json model = stored_model(name);
                                         model.erase("ConnectorProfileArn");
                                         return model.dump();
                                       }()});
  }

  ManualClock clock_{1'700'000'000'000};
  IdGenerator ids_{7};
  CloudControlService service_{registry(), clock_, ids_, ServiceOptions{}};
};

TEST_F(ServiceStateTest, ImportReplacesResourcesAndForgetsRequests) {
  create("p1");
  const json dump = json::parse(service_.export_state(WriteOnlyValues::kIncluded));
  create("p2");
  EXPECT_EQ(service_.requests().size(), 2u);
  service_.import_state(json(dump));
  EXPECT_TRUE(service_.requests().empty());
  EXPECT_EQ(json::parse(service_.export_state(WriteOnlyValues::kIncluded)), dump);
  // Write-only values came back: an update that keeps them passes the AppFlow rules.
  ProgressEvent event = service_.update_resource(
      kCaller, {.type_name = kType,
                .identifier = "p1",
                .patch_document = R"([{"op":"add","path":"/ConnectionMode","value":"Private"}])"});
  EXPECT_EQ(service_.get_resource_request_status(kCaller, event.request_token).status,
            OperationStatus::kSuccess);
}

TEST_F(ServiceStateTest, InvalidImportChangesNothing) {
  create("p1");
  const json before = json::parse(service_.export_state(WriteOnlyValues::kIncluded));
  json dump = before;
  dump["resources"]["123456789012"]["us-east-1"][kType]["p0"] = stored_model("p0");
  dump["resources"]["123456789012"]["us-east-1"][kType]["p9"] = json::object();
  EXPECT_THROW(service_.import_state(json(dump)), ApiError);
  EXPECT_EQ(json::parse(service_.export_state(WriteOnlyValues::kIncluded)), before);
  EXPECT_EQ(service_.requests().size(), 1u);
}

TEST_F(ServiceStateTest, RequestsListsEveryCallerOldestFirst) {
  create("p1");
  service_.delete_resource({"210987654321", "eu-west-3"}, {.type_name = kType, .identifier = "x"});
  const auto requests = service_.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].first.account, "123456789012");
  EXPECT_EQ(requests[0].second.operation, Operation::kCreate);
  EXPECT_EQ(requests[0].second.status, OperationStatus::kSuccess);
  EXPECT_EQ(requests[1].first.region, "eu-west-3");
  EXPECT_EQ(requests[1].second.status, OperationStatus::kFailed);
  EXPECT_EQ(requests[1].second.error_code, "NotFound");
}

// A journal (store/journal.h) written by one service rebuilds, in another, what a client sees: the
// resources, the request ledger and ClientToken replays; so does a version-2 snapshot.
TEST_F(ServiceStateTest, JournalAndSnapshotRebuildResourcesRequestsAndTokens) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("ccemu-service-journal-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto path = dir / "state.json";
  const auto replay_into = [&](CloudControlService& service, uint64_t first) {
    store::Journal journal(path, store::SyncMode::kNone);
    journal.open(first, [&](std::string_view payload) { return service.replay(payload); });
  };
  const std::string desired = [] {
    json model = stored_model("tok");
    model.erase("ConnectorProfileArn");
    return model.dump();
  }();
  const CreateResourceInput with_token{
      .type_name = kType, .client_token = "t-1", .desired_state = desired};
  std::string snapshot;
  {
    store::Journal journal(path, store::SyncMode::kAlways);
    journal.open(0, [](std::string_view) { return true; });
    service_.set_journal(&journal);
    create("p1");
    service_.create_resource(kCaller, with_token);
    service_.delete_resource(kCaller, {.type_name = kType, .identifier = "p1"});
    snapshot = service_.export_snapshot(journal);  // starts generation 1
    create("p2");
    service_.set_journal(nullptr);
  }
  const auto requests = service_.requests();
  const std::string state = service_.export_state(WriteOnlyValues::kIncluded);
  ManualClock clock{1'700'000'000'000};
  for (bool from_snapshot : {false, true}) {
    CloudControlService restored{registry(), clock, ids_, ServiceOptions{}};
    if (from_snapshot) {
      EXPECT_EQ(restored.restore_snapshot(json::parse(snapshot)), 1u);
      replay_into(restored, 1);
    } else {
      replay_into(restored, 0);
    }
    EXPECT_EQ(restored.export_state(WriteOnlyValues::kIncluded), state);
    ASSERT_EQ(restored.requests().size(), requests.size());
    for (size_t i = 0; i < requests.size(); ++i) {
      EXPECT_EQ(restored.requests()[i].second.request_token, requests[i].second.request_token);
      EXPECT_EQ(restored.requests()[i].second.status, requests[i].second.status);
    }
    // The ClientToken answers as the first call did.
    EXPECT_EQ(restored.create_resource(kCaller, with_token).request_token,
              requests[1].second.request_token);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ccemu::cloudcontrol
