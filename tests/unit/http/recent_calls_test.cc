#include "http/recent_calls.h"

#include <gtest/gtest.h>

#include "http/request_rate.h"

namespace ccemu::http {
namespace {

std::vector<std::string> operations(const std::vector<ApiCall>& calls) {
  std::vector<std::string> names;
  for (const ApiCall& call : calls) names.push_back(call.operation);
  return names;
}

TEST(RecentCallsTest, KeepsTheNewestFirstUpToItsCapacity) {
  RecentCalls calls(3);
  EXPECT_TRUE(calls.newest_first().empty());
  calls.add({.operation = "a"});
  calls.add({.operation = "b"});
  EXPECT_EQ(operations(calls.newest_first()), (std::vector<std::string>{"b", "a"}));
  calls.add({.operation = "c"});
  calls.add({.operation = "d"});
  calls.add({.operation = "e"});
  EXPECT_EQ(operations(calls.newest_first()), (std::vector<std::string>{"e", "d", "c"}));
  EXPECT_EQ(calls.total(), 5u);
}

TEST(RequestRateTest, CountsTheRequestsOfTheLastMinute) {
  RequestRate rate;
  EXPECT_EQ(rate.last_minute(), 0u);
  for (int i = 0; i < 5; ++i) rate.count();
  EXPECT_EQ(rate.last_minute(), 5u);
}

}  // namespace
}  // namespace ccemu::http
