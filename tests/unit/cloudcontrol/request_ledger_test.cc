// RequestLedger (cloudcontrol/request_ledger.h): its open-addressed token index finds every kept
// request, and none once expired, through growth and deletions (backward shifts), and the compact
// record gives back the ProgressEvent it was given.
#include "cloudcontrol/request_ledger.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/id_generator.h"

namespace ccemu::cloudcontrol {
namespace {

const Caller kCaller{"123456789012", "us-east-1"};

PutRequest finished(IdGenerator& ids, const std::string& identifier, int64_t created_ms) {
  PutRequest request;
  request.scope = {kCaller.account, kCaller.region, "AWS::AppFlow::ConnectorProfile"};
  request.token = *RequestToken::parse(ids.uuid());
  request.identifier = identifier;
  request.status = OperationStatus::kSuccess;
  request.created_ms = request.event_time_ms = created_ms;
  return request;
}

TEST(RequestLedger, FindsEveryKeptRequestAndNoExpiredOneThroughGrowthAndDeletion) {
  IdGenerator ids(3);
  RequestLedger ledger;
  std::vector<std::string> tokens;
  for (int i = 0; i < 5000; ++i) {
    PutRequest request = finished(ids, "profile-" + std::to_string(i), i);
    tokens.push_back(request.token.text());
    ledger.put(std::move(request));
  }
  ledger.expire(kRequestLifetimeMs + 2500);  // the first 2,501 (created at 0..2500) go
  for (int i = 0; i < 5000; ++i) {
    const ResourceRequest* found = ledger.find(kCaller, tokens[i]);
    if (i <= 2500) {
      EXPECT_EQ(found, nullptr) << i;
      continue;
    }
    ASSERT_NE(found, nullptr) << i;
    EXPECT_EQ(found->identifier.view(), "profile-" + std::to_string(i));
  }
  EXPECT_EQ(ledger.find({kCaller.account, "eu-west-1"}, tokens[4999]), nullptr);
  EXPECT_EQ(ledger.find(kCaller, "not-a-token"), nullptr);
}

TEST(RequestLedger, RebuildsTheEventItWasGivenAndUpdatesItByToken) {
  IdGenerator ids(4);
  RequestLedger ledger;
  PutRequest request = finished(ids, "an-identifier-longer-than-fifteen-bytes", 10);
  request.status = OperationStatus::kInProgress;
  request.pending.emplace();
  const ProgressEvent accepted = request.event();
  ledger.put(PutRequest(request));
  const ResourceRequest* kept = ledger.find(kCaller, accepted.request_token);
  ASSERT_NE(kept, nullptr);
  const ProgressEvent shown = ledger.event(*kept);
  EXPECT_EQ(shown.type_name, accepted.type_name);
  EXPECT_EQ(shown.identifier, accepted.identifier);
  EXPECT_EQ(shown.request_token, accepted.request_token);
  EXPECT_EQ(shown.status, OperationStatus::kInProgress);
  EXPECT_NE(ledger.unfinished_on(request.scope, request.identifier), nullptr);

  request.status = OperationStatus::kFailed;
  request.error_code = "NotFound";
  request.status_message = "gone";
  request.event_time_ms = 20;
  request.pending.reset();
  ledger.put(std::move(request));
  const ProgressEvent failed = ledger.event(*ledger.find(kCaller, accepted.request_token));
  EXPECT_EQ(failed.status, OperationStatus::kFailed);
  EXPECT_EQ(failed.error_code, "NotFound");
  EXPECT_EQ(failed.status_message, "gone");
  EXPECT_EQ(failed.event_time_ms, 20);
  EXPECT_EQ(ledger.all().size(), 1u);
  EXPECT_EQ(ledger.unfinished_on({kCaller.account, kCaller.region, accepted.type_name},
                                 accepted.identifier),
            nullptr);
}

}  // namespace
}  // namespace ccemu::cloudcontrol
