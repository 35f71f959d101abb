// Generated read-only values (issue 7): each satisfies its schema and looks like AWS's.
#include "resources/read_only_values.h"

#include <gtest/gtest.h>

#include <regex>

#include "resources/pattern_sample.h"

namespace ccemu::resources {
namespace {

using nlohmann::json;

struct Generated : ::testing::Test {
  std::string type = "AWS::Logs::LogGroup", account = "111122223333", region = "eu-west-3";
  IdGenerator ids{7};
  GenerationContext ctx{type, account, region, ids};
};

TEST_F(Generated, ArnNamesTheCallersRegionAndAccount) {
  auto value = generate_read_only_value("Arn", json{{"type", "string"}}, ctx);
  ASSERT_TRUE(value);
  EXPECT_TRUE(
      value->get<std::string>().starts_with("arn:aws:logs:eu-west-3:111122223333:loggroup/"));
}

TEST_F(Generated, ArnThatBreaksThePatternFallsBackToThePattern) {
  json schema = {{"type", "string"}, {"pattern", "^arn:aws:sqs:[a-z0-9-]+:[0-9]{12}:[a-z]{6}$"}};
  auto value = generate_read_only_value("QueueArn", schema, ctx);
  ASSERT_TRUE(value);
  EXPECT_TRUE(std::regex_search(value->get<std::string>(),
                                std::regex(schema["pattern"].get<std::string>())));
}

TEST_F(Generated, IdWithoutPatternIsAUuid) {
  auto value = generate_read_only_value("Id", json{{"type", "string"}}, ctx);
  ASSERT_TRUE(value);
  EXPECT_TRUE(std::regex_match(
      value->get<std::string>(),
      std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));
}

TEST_F(Generated, IdTakesTheShapeOfItsPattern) {
  json schema = {{"type", "string"}, {"pattern", "^vpc-[0-9a-f]{17}$"}};
  auto value = generate_read_only_value("VpcId", schema, ctx);
  ASSERT_TRUE(value);
  EXPECT_TRUE(std::regex_match(value->get<std::string>(), std::regex("vpc-[0-9a-f]{17}")));
}

TEST_F(Generated, UrlIsAnHttpsUrl) {
  auto value = generate_read_only_value("QueueUrl", json{{"type", "string"}}, ctx);
  ASSERT_TRUE(value);
  EXPECT_TRUE(
      value->get<std::string>().starts_with("https://logs.eu-west-3.amazonaws.com/111122223333/"));
}

TEST_F(Generated, EnumTakesItsFirstValue) {
  auto value = generate_read_only_value(
      "State", json{{"type", "string"}, {"enum", {"ACTIVE", "GONE"}}}, ctx);
  EXPECT_EQ(value, json("ACTIVE"));
}

TEST_F(Generated, NumbersStartAtTheirMinimum) {
  EXPECT_EQ(generate_read_only_value("Count", json{{"type", "integer"}, {"minimum", 5}}, ctx),
            json(5));
  EXPECT_EQ(generate_read_only_value("Enabled", json{{"type", "boolean"}}, ctx), json(false));
}

TEST_F(Generated, ImpossibleSchemaGivesNothing) {
  json schema = {{"type", "string"}, {"pattern", "^(?=x)y$"}, {"maxLength", 3}};
  EXPECT_FALSE(generate_read_only_value("Name", schema, ctx));
}

TEST_F(Generated, SameSeedSameValues) {
  IdGenerator again{7};
  GenerationContext other{type, account, region, again};
  json schema = {{"type", "string"}, {"pattern", "^[a-z]{12}$"}};
  EXPECT_EQ(generate_read_only_value("Name", schema, ctx),
            generate_read_only_value("Name", schema, other));
}

TEST(PatternSample, MatchesClassesGroupsAndQuantifiers) {
  IdGenerator ids{1};
  for (const std::string pattern :
       {"^[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}$", "^(arn:aws:[a-z]+:)?[0-9]{12}$", "^\\d{3}-\\w+$",
        "^(foo|bar)+baz?$", "[^/]+/[^/]+", "^[a-z][a-z0-9-]*[a-z0-9]$"}) {
    SCOPED_TRACE(pattern);
    auto sample = sample_matching(pattern, 1, 256, ids);
    ASSERT_TRUE(sample);
    EXPECT_TRUE(std::regex_search(*sample, std::regex(pattern))) << *sample;
  }
}

TEST(PatternSample, RespectsLengthLimits) {
  IdGenerator ids{1};
  EXPECT_FALSE(sample_matching("^[a-z]{10}$", 1, 5, ids));
  auto padded = sample_matching("[a-z]", 20, 30, ids);
  ASSERT_TRUE(padded);
  EXPECT_GE(padded->size(), 20u);
}

TEST(PatternSample, LookaheadsAreCheckedNotBuilt) {
  IdGenerator ids{1};
  auto sample = sample_matching("^(?!-)[a-z-]{3}$", 3, 3, ids);
  ASSERT_TRUE(sample);
  EXPECT_NE(sample->front(), '-');
  EXPECT_FALSE(sample_matching("^(?=x)y$", 1, 10, ids));
}

TEST(PatternSample, MeetsLengthBoundsByRepeating) {
  IdGenerator ids{1};
  EXPECT_EQ(sample_matching("^[0-9]+$", 1, 5, ids)->size(), 1u);
  EXPECT_EQ(sample_matching("^[a-z]+$", 26, 26, ids)->size(), 26u);
  EXPECT_EQ(sample_matching("^([0-9a-z]{1,40})?$", 1, 40, ids)->size(), 8u);
}

TEST(PatternSample, RefusesWhatItCannotBuild) {
  IdGenerator ids{1};
  EXPECT_FALSE(sample_matching("^(a)\\1$", 1, 10, ids));
  EXPECT_FALSE(sample_matching("[", 1, 10, ids));
}

}  // namespace
}  // namespace ccemu::resources
