// The read answers (GetResource, ListResources) assembled from stored text are byte for byte the
// answers serializing trees gives, as ccemu wrote them before models were stored as text.
#include <gtest/gtest.h>

#include "common/json_corpus.h"
#include "protocol/cloudcontrol_json/codec.h"

namespace ccemu::protocol::cloudcontrol_json {
namespace {

using nlohmann::json;

constexpr char kType[] = "AWS::AppFlow::ConnectorProfile";

struct Case {
  json model;
  json view;  // the model without its "Name": what a read shows
  cc::ResourceDescription description;
};

// A description per corpus model, under identifiers that need escaping too.
std::vector<Case> cases() {
  std::vector<Case> all;
  const std::vector<std::string> identifiers = {"p1", "name \"quoted\" \\ ü", "a|b", "tab\tend"};
  for (size_t i = 0; i < testing::tricky_model_texts().size(); ++i) {
    Case c;
    c.model = json::parse(testing::tricky_model_texts()[i]);
    c.view = c.model;
    c.view.erase("Name");
    c.description = {identifiers[i % identifiers.size()],
                     std::make_shared<const store::StoredModel>(
                         c.model, std::vector{json::json_pointer("/Name")})};
    all.push_back(std::move(c));
  }
  return all;
}

json serialized_description(const Case& c) {
  return {{"Identifier", c.description.identifier}, {"Properties", c.view.dump()}};
}

TEST(ReadAnswers, GetResourceIsTheSerializedTree) {
  for (const Case& c : cases()) {
    const json tree = {{"TypeName", kType}, {"ResourceDescription", serialized_description(c)}};
    EXPECT_EQ(encode_body(cc::GetResourceOutput{kType, c.description}), tree.dump())
        << c.model.dump();
  }
}

TEST(ReadAnswers, ListResourcesIsTheSerializedTree) {
  cc::ListResourcesOutput output{kType, {}, std::nullopt};
  json descriptions = json::array();
  for (const Case& c : cases()) {
    output.descriptions.push_back(c.description);
    descriptions.push_back(serialized_description(c));
  }
  json tree = {{"TypeName", kType}, {"ResourceDescriptions", descriptions}};
  EXPECT_EQ(encode_body(output), tree.dump());

  output.next_token = "cDE=";
  tree["NextToken"] = "cDE=";
  EXPECT_EQ(encode_body(output), tree.dump());

  output.descriptions.clear();
  tree["ResourceDescriptions"] = json::array();
  EXPECT_EQ(encode_body(output), tree.dump());
}

}  // namespace
}  // namespace ccemu::protocol::cloudcontrol_json
