// The registry bundle's index as start-up reads it (resources/bundle_index.h): the scan and
// nlohmann's parser give the same types, and a broken index is refused in nlohmann's words.
#include "resources/bundle_index.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "common/json_limits.h"
#include "schema/resource_schema.h"

namespace ccemu::resources {
namespace {

class BundleIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/ccemu-bundle-index-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::vector<std::pair<std::string, std::string>> read(const std::string& text) {
    const auto file = dir_ / "index.json";
    std::ofstream(file) << text;
    std::vector<std::pair<std::string, std::string>> types;
    BundleIndex index(file, [&](std::string_view name, std::string_view schema_file) {
      types.emplace_back(name, schema_file);
    });
    return types;
  }
  std::string refusal(const std::string& text) {
    try {
      read(text);
    } catch (const schema::SchemaLoadError& e) {
      return e.what();
    }
    return "accepted";
  }

  std::filesystem::path dir_;
  const std::vector<std::pair<std::string, std::string>> two_ = {
      {"AWS::KMS::Key", "aws-kms-key.json"}, {"AWS::S3::Bucket", "aws-s3-bucket.json"}};
};

TEST_F(BundleIndexTest, ReadsTheIndexAsTheBundleScriptWritesIt) {
  EXPECT_EQ(
      read("{\n\"format\":\"ccemu-registry-bundle\",\n\"version\":1,\n\"source\":\"s\",\n"
           "\"snapshot\":\"2026-11-30\",\n\"types\":{\n\"AWS::KMS::Key\":\"aws-kms-key.json\",\n"
           "\"AWS::S3::Bucket\":\"aws-s3-bucket.json\"\n}\n}\n"),
      two_);
}

TEST_F(BundleIndexTest, ReadsAnyLayoutAndMemberOrder) {
  EXPECT_EQ(read(R"( { "types" : { "AWS::KMS::Key" : "aws-kms-key.json" ,
                     "AWS::S3::Bucket": "aws-s3-bucket.json" },
                     "extra": [1, -2.5e+3, true, false, null, {"a": [[]]}, "x"],
                     "format": "ccemu-registry-bundle" } )"),
            two_);
}

TEST_F(BundleIndexTest, NamesOutOfOrderOrEscapedAreReadByTheParser) {
  EXPECT_EQ(read(R"({"format":"ccemu-registry-bundle","types":{
                 "AWS::S3::Bucket":"aws-s3-bucket.json","AWS::KMS::Key":"aws-kms-key.json"}})"),
            two_);
  EXPECT_EQ(read(R"({"format":"ccemu-registry-bundle","types":{
                 "AWS::KMS::Key":"aws-kms-key.json","AWS::S3::Bucket":"aws-s3-\u0062ucket.json"}})"),
            two_);
}

TEST_F(BundleIndexTest, ABrokenIndexIsRefusedSayingWhy) {
  const std::string file = (dir_ / "index.json").string();
  // nlohmann's words, as parse_bounded_json gives them for any other JSON ccemu reads.
  const auto parser_says = [&](const std::string& text) {
    std::string error;
    EXPECT_FALSE(parse_bounded_json(text, error));
    return file + ": " + error;
  };
  EXPECT_EQ(refusal("{not json"), parser_says("{not json"));
  EXPECT_EQ(refusal(R"({"format":"other","types":{}})"),
            file + ": not a ccemu registry bundle index");
  EXPECT_EQ(refusal(R"({"format":"ccemu-registry-bundle"})"),
            file + ": not a ccemu registry bundle index");
  EXPECT_EQ(refusal(R"({"format":"ccemu-registry-bundle","types":{"AWS::S3::Bucket":1}})"),
            file + ": AWS::S3::Bucket names no file");
  const std::string trailing = R"({"format":"ccemu-registry-bundle","types":{}} x)";
  EXPECT_EQ(refusal(trailing), parser_says(trailing));
  std::filesystem::remove(dir_ / "index.json");
  try {
    BundleIndex(dir_ / "index.json", [](std::string_view, std::string_view) {});
    FAIL() << "a missing index was read";
  } catch (const schema::SchemaLoadError& e) {
    EXPECT_EQ(std::string(e.what()), file + ": cannot be read");
  }
}

}  // namespace
}  // namespace ccemu::resources
