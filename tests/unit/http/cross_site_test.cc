#include "http/cross_site.h"

#include <gtest/gtest.h>

namespace ccemu::http {
namespace {

RequestOrigin browser(std::string method, std::string host, std::optional<std::string> origin) {
  return {std::move(method), std::move(origin), "same-origin", std::move(host), "127.0.0.1"};
}

TEST(CrossSitePolicyTest, ClientsWithoutOriginAreServedWhateverTheirHost) {
  const CrossSitePolicy policy("127.0.0.1", {}, false);
  EXPECT_FALSE(policy.refusal({"POST", std::nullopt, std::nullopt, "ccemu:4566", "172.17.0.2"}));
}

TEST(CrossSitePolicyTest, SameOriginOnLoopbackNamesIsServed) {
  const CrossSitePolicy policy("127.0.0.1", {}, false);
  EXPECT_FALSE(policy.refusal(browser("POST", "127.0.0.1:4566", "http://127.0.0.1:4566")));
  EXPECT_FALSE(policy.refusal(browser("POST", "LocalHost:4566", "http://localhost:4566")));
  EXPECT_FALSE(policy.refusal(browser("PUT", "[::1]:4566", "http://[::1]:4566")));
  // A browser leaves the scheme's default port out of Origin; Host may name it.
  EXPECT_FALSE(policy.refusal(browser("DELETE", "localhost:80", "http://localhost")));
}

TEST(CrossSitePolicyTest, AnotherOriginIsRefused) {
  const CrossSitePolicy policy("127.0.0.1", {}, false);
  EXPECT_TRUE(policy.refusal(browser("POST", "127.0.0.1:4566", "http://evil.example")));
  EXPECT_TRUE(policy.refusal(browser("POST", "127.0.0.1:4566", "null")));
  EXPECT_TRUE(policy.refusal(browser("POST", "127.0.0.1:4566", "https://127.0.0.1:4566")));
  EXPECT_TRUE(policy.refusal(browser("POST", "127.0.0.1:4566", "http://127.0.0.1:4567")));
  EXPECT_TRUE(policy.refusal(browser("POST", "127.0.0.1:4566", std::nullopt)));
}

TEST(CrossSitePolicyTest, ReadsNeedOnlyAnOwnHost) {
  const CrossSitePolicy policy("127.0.0.1", {}, false);
  EXPECT_FALSE(policy.refusal(browser("GET", "127.0.0.1:4566", std::nullopt)));
  EXPECT_TRUE(policy.refusal(browser("GET", "evil.example:4566", std::nullopt)));
}

TEST(CrossSitePolicyTest, ReboundNamesAreRefusedAndGivenNamesServed) {
  const CrossSitePolicy policy("0.0.0.0", {"ccemu"}, true);
  EXPECT_TRUE(policy.refusal(browser("POST", "evil.example:4566", "https://evil.example:4566")));
  EXPECT_FALSE(policy.refusal(browser("POST", "ccemu:4566", "https://ccemu:4566")));
  EXPECT_TRUE(policy.refusal(browser("POST", "ccemu:4566", "http://ccemu:4566")));
  // Listening on every address, the address the connection reached stands for the listening one.
  EXPECT_FALSE(policy.refusal(browser("POST", "127.0.0.1", "https://127.0.0.1")));
  EXPECT_FALSE(
      policy.refusal({"POST", "https://10.0.0.5:4566", std::nullopt, "10.0.0.5:4566", "10.0.0.5"}));
}

}  // namespace
}  // namespace ccemu::http
