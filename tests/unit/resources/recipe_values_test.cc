// The value-recipe interpreter (issue 18): templates fill read-only values from the caller, the
// model and random draws shared within one resource.
#include "resources/recipe_values.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/id_generator.h"

namespace ccemu::resources {
namespace {

using nlohmann::json;

// A registry-style schema for a made-up type, written to a temporary file (ResourceSchema loads
// files only).
std::shared_ptr<const schema::ResourceSchema> widget_schema() {
  const json document = {
      {"typeName", "Test::Widget::Thing"},
      {"properties",
       {{"Name", {{"type", "string"}, {"pattern", "^[a-z0-9-]+$"}, {"maxLength", 64}}},
        {"Arn", {{"type", "string"}}},
        {"ThingId", {{"type", "string"}}},
        {"Url", {{"type", "string"}, {"pattern", "^https://"}}},
        {"Tagged", {{"type", "array"}, {"items", {{"type", "string"}}}}}}},
      {"readOnlyProperties",
       {"/properties/Arn", "/properties/ThingId", "/properties/Url", "/properties/Tagged"}},
      {"primaryIdentifier", {"/properties/Name"}},
      {"additionalProperties", false}};
  const auto file = std::filesystem::temp_directory_path() / "ccemu-recipe-widget.json";
  std::ofstream(file) << document.dump();
  return schema::ResourceSchema::load(file, schema::Strictness::kWrapper);
}

ValueRecipe widget_recipe() {
  ValueRecipe recipe;
  recipe.values = {
      {"Arn", "arn:${aws:Partition}:widget:${aws:Region}:${aws:Account}:thing/${Name}/${ThingId}"},
      {"ThingId", "th-${#ThingId:hex:17}"},
      {"Url", "http://not-https/${Name}"},  // refused by the pattern: left to the schema generator
      {"Tagged", json::array({"tag-${#ThingId:hex:17}"})}};
  return recipe;
}

class RecipeValuesTest : public ::testing::Test {
 protected:
  std::shared_ptr<const schema::ResourceSchema> schema_ = widget_schema();
  const std::string type_ = "Test::Widget::Thing", account_ = "123456789012";
};

TEST_F(RecipeValuesTest, FillsTemplatesFromCallerModelAndSharedDraws) {
  IdGenerator ids(5);
  const std::string region = "eu-west-1";
  json model = {{"Name", "w1"}};
  apply_recipe(widget_recipe(), *schema_, {type_, account_, region, ids}, model);
  ASSERT_TRUE(model["ThingId"].is_string());
  const std::string id = model["ThingId"];
  EXPECT_TRUE(id.starts_with("th-")) << id;
  EXPECT_EQ(id.size(), 20u);
  EXPECT_EQ(model["Arn"], "arn:aws:widget:eu-west-1:123456789012:thing/w1/" + id);
  EXPECT_EQ(model["Tagged"], json::array({"tag-" + id.substr(3)}));
  EXPECT_FALSE(model.contains("Url"));  // the schema refuses the template's value
}

TEST_F(RecipeValuesTest, GeneratesANameTheCallerLeftOutWithinItsPattern) {
  IdGenerator ids(5);
  const std::string region = "us-east-1";
  json model = json::object();
  apply_recipe(widget_recipe(), *schema_, {type_, account_, region, ids}, model);
  ASSERT_TRUE(model["Name"].is_string());
  EXPECT_TRUE(std::string(model["Name"]).starts_with("thing-")) << model["Name"];
  EXPECT_TRUE(std::string(model["Arn"]).find(":thing/" + std::string(model["Name"]) + "/") !=
              std::string::npos);
}

TEST_F(RecipeValuesTest, KeepsValuesTheModelHoldsAndRepeatsUnderASeed) {
  const std::string region = "us-east-1";
  IdGenerator first(9), second(9);
  json one = {{"Name", "w"}, {"ThingId", "th-given"}}, two = {{"Name", "w"}};
  apply_recipe(widget_recipe(), *schema_, {type_, account_, region, first}, one);
  apply_recipe(widget_recipe(), *schema_, {type_, account_, region, second}, two);
  EXPECT_EQ(one["ThingId"], "th-given");
  EXPECT_TRUE(std::string(one["Arn"]).ends_with("/w/th-given"));
  json again = {{"Name", "w"}};
  IdGenerator third(9);
  apply_recipe(widget_recipe(), *schema_, {type_, account_, region, third}, again);
  EXPECT_EQ(two, again);
}

TEST(PartitionTest, FollowsTheRegion) {
  EXPECT_EQ(partition_of("us-east-1"), "aws");
  EXPECT_EQ(partition_of("cn-north-1"), "aws-cn");
  EXPECT_EQ(partition_of("us-gov-west-1"), "aws-us-gov");
}

}  // namespace
}  // namespace ccemu::resources
