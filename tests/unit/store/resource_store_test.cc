// ResourceStore: models per (account, region, type), ordered by identifier.

#include "store/resource_store.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using ccemu::store::ModelRef;
using ccemu::store::ResourceStore;
using ccemu::store::Scope;
using ccemu::store::StoredModel;
using ccemu::store::StoredResource;
using nlohmann::json;

const Scope kScope{"123456789012", "us-east-1", "AWS::AppFlow::ConnectorProfile"};

ModelRef stored(const json& model) {
  return std::make_shared<const StoredModel>(model, std::vector<json::json_pointer>{});
}

ModelRef model(const std::string& name) { return stored({{"ConnectorProfileName", name}}); }

std::vector<std::string> identifiers(const std::vector<StoredResource>& page) {
  std::vector<std::string> out;
  for (const auto& resource : page) out.push_back(resource.identifier);
  return out;
}

ResourceStore store_with(const std::vector<std::string>& names) {
  ResourceStore store;
  for (const auto& name : names) store.put(kScope, name, model(name), 0);
  return store;
}

TEST(ResourceStoreFind, UnknownScopeIsNull) {
  ResourceStore store;
  EXPECT_EQ(store.find(kScope, "p1"), nullptr);
}

TEST(ResourceStoreFind, UnknownIdentifierIsNull) {
  ResourceStore store = store_with({"p1"});
  EXPECT_EQ(store.find(kScope, "p2"), nullptr);
}

TEST(ResourceStoreFind, ReturnsTheModelPut) {
  ResourceStore store;
  const ModelRef put = stored({{"ConnectorProfileName", "p1"}, {"KMSArn", "secret"}});
  store.put(kScope, "p1", put, 0);
  const ModelRef found = store.find(kScope, "p1");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found, put);
  EXPECT_EQ(found->text(), R"({"ConnectorProfileName":"p1","KMSArn":"secret"})");
}

TEST(ResourceStorePut, ReplacesAnExistingModel) {
  ResourceStore store = store_with({"p1"});
  store.put(kScope, "p1", stored({{"ConnectionMode", "Private"}}), 0);
  ASSERT_NE(store.find(kScope, "p1"), nullptr);
  EXPECT_EQ(store.find(kScope, "p1")->text(), R"({"ConnectionMode":"Private"})");
  EXPECT_EQ(store.list(kScope, "", 10).size(), 1u);
}

TEST(ResourceStoreErase, RemovesTheModel) {
  ResourceStore store = store_with({"p1", "p2"});
  store.erase(kScope, "p1");
  EXPECT_EQ(store.find(kScope, "p1"), nullptr);
  ASSERT_NE(store.find(kScope, "p2"), nullptr);
}

TEST(ResourceStoreErase, MissingIdentifierIsANoOp) {
  ResourceStore store = store_with({"p1"});
  store.erase(kScope, "p2");
  store.erase({"999999999999", "us-east-1", kScope.type_name}, "p1");
  EXPECT_NE(store.find(kScope, "p1"), nullptr);
}

TEST(ResourceStoreErase, LastModelLeavesAnEmptyScope) {
  ResourceStore store = store_with({"p1"});
  store.erase(kScope, "p1");
  EXPECT_TRUE(store.list(kScope, "", 10).empty());
  EXPECT_FALSE(store.has_after(kScope, ""));
}

TEST(ResourceStoreList, UnknownScopeIsEmpty) {
  ResourceStore store;
  EXPECT_TRUE(store.list(kScope, "", 10).empty());
}

TEST(ResourceStoreList, EmptyCursorStartsAtTheFirstIdentifierInOrder) {
  ResourceStore store = store_with({"c", "a", "b"});
  EXPECT_EQ(identifiers(store.list(kScope, "", 10)), (std::vector<std::string>{"a", "b", "c"}));
}

TEST(ResourceStoreList, StartsAfterTheCursor) {
  ResourceStore store = store_with({"a", "b", "c"});
  EXPECT_EQ(identifiers(store.list(kScope, "a", 10)), (std::vector<std::string>{"b", "c"}));
}

TEST(ResourceStoreList, CursorNeedNotBeStored) {
  ResourceStore store = store_with({"a", "b", "c"});
  EXPECT_EQ(identifiers(store.list(kScope, "ab", 10)), (std::vector<std::string>{"b", "c"}));
}

TEST(ResourceStoreList, CursorAtTheLastIdentifierIsEmpty) {
  ResourceStore store = store_with({"a", "b"});
  EXPECT_TRUE(store.list(kScope, "b", 10).empty());
}

TEST(ResourceStoreList, HonoursTheLimit) {
  ResourceStore store = store_with({"a", "b", "c", "d"});
  EXPECT_EQ(identifiers(store.list(kScope, "", 2)), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(identifiers(store.list(kScope, "b", 2)), (std::vector<std::string>{"c", "d"}));
}

TEST(ResourceStoreList, EntriesShareTheStoredModels) {
  ResourceStore store = store_with({"a"});
  auto page = store.list(kScope, "", 10);
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].model, store.find(kScope, "a"));
  EXPECT_EQ(page[0].model->text(), R"({"ConnectorProfileName":"a"})");
}

TEST(ResourceStoreHasAfter, TrueWhileIdentifiersFollow) {
  ResourceStore store = store_with({"a", "b"});
  EXPECT_TRUE(store.has_after(kScope, ""));
  EXPECT_TRUE(store.has_after(kScope, "a"));
  EXPECT_TRUE(store.has_after(kScope, "aa"));
}

TEST(ResourceStoreHasAfter, FalseAtOrPastTheLastIdentifier) {
  ResourceStore store = store_with({"a", "b"});
  EXPECT_FALSE(store.has_after(kScope, "b"));
  EXPECT_FALSE(store.has_after(kScope, "z"));
}

TEST(ResourceStoreHasAfter, FalseForAnUnknownScope) {
  ResourceStore store;
  EXPECT_FALSE(store.has_after(kScope, ""));
}

TEST(ResourceStoreScopes, AccountsAreIsolated) {
  ResourceStore store = store_with({"p1"});
  const Scope other{"210987654321", kScope.region, kScope.type_name};
  EXPECT_EQ(store.find(other, "p1"), nullptr);
  EXPECT_TRUE(store.list(other, "", 10).empty());
  EXPECT_FALSE(store.has_after(other, ""));
}

TEST(ResourceStoreScopes, RegionsAreIsolated) {
  ResourceStore store = store_with({"p1"});
  const Scope other{kScope.account, "eu-west-1", kScope.type_name};
  EXPECT_EQ(store.find(other, "p1"), nullptr);
  EXPECT_TRUE(store.list(other, "", 10).empty());
}

TEST(ResourceStoreScopes, TypesAreIsolated) {
  ResourceStore store = store_with({"p1"});
  const Scope other{kScope.account, kScope.region, "AWS::AppFlow::Flow"};
  EXPECT_EQ(store.find(other, "p1"), nullptr);
  EXPECT_TRUE(store.list(other, "", 10).empty());
}

TEST(ResourceStoreScopes, SameIdentifierHoldsOneModelPerScope) {
  ResourceStore store;
  const Scope other{kScope.account, "eu-west-1", kScope.type_name};
  store.put(kScope, "p1", stored({{"Region", "us-east-1"}}), 0);
  store.put(other, "p1", stored({{"Region", "eu-west-1"}}), 0);
  store.erase(other, "p1");
  ASSERT_NE(store.find(kScope, "p1"), nullptr);
  EXPECT_EQ(store.find(kScope, "p1")->text(), R"({"Region":"us-east-1"})");
  EXPECT_EQ(store.find(other, "p1"), nullptr);
}

TEST(ResourceStoreClear, ForgetsEveryScope) {
  ResourceStore store = store_with({"p1"});
  const Scope other{kScope.account, "eu-west-1", kScope.type_name};
  store.put(other, "p2", model("p2"), 0);
  store.clear();
  EXPECT_EQ(store.find(kScope, "p1"), nullptr);
  EXPECT_EQ(store.find(other, "p2"), nullptr);
}

TEST(ResourceStoreSnapshot, GroupsByScopeInOrderAndSharesTheModels) {
  ResourceStore store = store_with({"b", "a"});
  const Scope other{kScope.account, "eu-west-1", kScope.type_name};
  store.put(other, "c", model("c"), 0);
  const auto scopes = store.snapshot();
  ASSERT_EQ(scopes.size(), 2u);
  EXPECT_EQ(scopes[0].scope, other);  // "eu-west-1" sorts before "us-east-1"
  EXPECT_EQ(identifiers(scopes[0].resources), (std::vector<std::string>{"c"}));
  EXPECT_EQ(scopes[1].scope, kScope);
  EXPECT_EQ(identifiers(scopes[1].resources), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(scopes[1].resources[0].model, store.find(kScope, "a"));
}

}  // namespace
