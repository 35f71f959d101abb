// JavaRegex: registry schemas' Java regular expressions matched with PCRE2 (issue 20), as Java's
// java.util.regex reads them.
#include "schema/java_regex.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

namespace {

using ccemu::schema::JavaRegex;
using nlohmann::json;

bool finds(const std::string& java, const std::string& text) {
  std::string why;
  auto regex = JavaRegex::compile(java, why);
  EXPECT_NE(regex, nullptr) << java << ": " << why;
  return regex && regex->search(text);
}

// The issue's examples, from AWS's own documentation, that std::regex refused.
TEST(JavaRegex, UnicodePropertiesMeanWhatJavaMeans) {
  const std::string key = R"(^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$|resource-groups:Name)";
  EXPECT_TRUE(finds(key, "InstanceIds"));
  EXPECT_TRUE(finds(key, "tag:Environment"));
  EXPECT_TRUE(finds(key, "Größe"));
  EXPECT_FALSE(finds(key, "tag!Env"));
  EXPECT_TRUE(finds(R"(^[\p{L}\p{M}\p{Z}\p{S}\p{N}\p{P}\p{C}]*$)", "/MyFolder"));
  EXPECT_FALSE(finds(R"(^\p{Lu}+$)", "abc"));
  EXPECT_TRUE(finds(R"(^\P{Lu}+$)", "abc"));
}

TEST(JavaRegex, DollarAndBackslashZMatchBeforeAFinalLineTerminator) {
  EXPECT_TRUE(finds("^[a-z]+$", "ab\n"));
  EXPECT_TRUE(finds("^[a-z]+$", "ab\r\n"));
  EXPECT_FALSE(finds("^[a-z]+$", "a\nb"));
  EXPECT_TRUE(finds(R"(\A[a-z]+\Z)", "ab\n"));
  EXPECT_FALSE(finds(R"(\A[a-z]+\z)", "ab\n"));
}

TEST(JavaRegex, JavaOnlySyntaxIsTranslated) {
  EXPECT_TRUE(finds(R"(^\p{Alpha}+$)", "abc"));
  EXPECT_FALSE(finds(R"(^\p{Alpha}+$)", "ab1"));
  EXPECT_TRUE(finds(R"(^[\p{Punct}]+$)", "!?"));
  EXPECT_TRUE(finds(R"(^\p{javaLowerCase}+$)", "abcé"));
  EXPECT_FALSE(finds(R"(^\p{javaLowerCase}+$)", "aB"));
  EXPECT_TRUE(finds(R"(^\p{IsLatin}+$)", "abc"));
  EXPECT_TRUE(finds(R"(^\u0041\x{42}$)", "AB"));
  EXPECT_TRUE(finds(R"(^[a-z&&[^b]]+$)", "acd"));
  EXPECT_FALSE(finds(R"(^[a-z&&[^b]]+$)", "abc"));
  EXPECT_TRUE(finds(R"(^[a-c[x-z]]+$)", "axbz"));
  EXPECT_FALSE(finds(R"(^[a-c[x-z]]+$)", "am"));
  EXPECT_TRUE(finds(R"(^[\w-.]+$)", "a-b.c"));
  EXPECT_TRUE(finds(R"(^(?>a+)b$)", "aab"));
  EXPECT_TRUE(finds(R"(^a++b$)", "aab"));
  EXPECT_TRUE(finds(R"(^[\uD800-\uDBFF\uDC00-\uDFFF]+$)", "\xF0\x9F\x98\x80"));  // U+1F600
}

TEST(JavaRegex, ShorthandsAreAsciiAsInJava) {
  EXPECT_FALSE(finds(R"(^\w+$)", "é"));
  EXPECT_FALSE(finds(R"(^\d+$)", "\xD9\xA3"));  // ARABIC-INDIC DIGIT THREE
}

TEST(JavaRegex, SearchIsUnanchoredAsJsonSchemaSays) {
  EXPECT_TRUE(finds("b", "abc"));
  EXPECT_FALSE(finds("^b", "abc"));
}

TEST(JavaRegex, LongInputsAreAnsweredWithoutCrashing) {
  const std::string long_text(262144, 'a');
  EXPECT_TRUE(finds("^(a|b)*$", long_text));
  EXPECT_FALSE(finds("^(a+)+$", long_text + "!"));  // catastrophic backtracking: limits answer
}

// README "Any CloudFormation resource type" lists the registry patterns that cannot be enforced;
// tests/unit/schema/unenforced_patterns.txt holds the list, one pattern a line.
TEST(JavaRegex, EveryBundledPatternCompilesButTheListedOnes) {
  const std::filesystem::path bundle = CCEMU_SOURCE_DIR "/schema/registry";
  std::set<std::string> failing;
  std::function<void(const json&, bool)> walk = [&](const json& node, bool keys) {
    if (node.is_array()) {
      for (const json& child : node) walk(child, false);
    } else if (node.is_object()) {
      for (const auto& [key, child] : node.items()) {
        std::string why;
        if (keys && !JavaRegex::compile(key, why)) failing.insert(key);
        if (!keys && key == "pattern" && child.is_string() &&
            !JavaRegex::compile(child.get<std::string>(), why))
          failing.insert(child.get<std::string>());
        if (key != "enum" && key != "const" && key != "default" && key != "examples")
          walk(child, key == "patternProperties");
      }
    }
  };
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(bundle)) {
    if (entry.path().filename() == "index.json") continue;
    std::ifstream in(entry.path());
    walk(json::parse(in), false);
    ++files;
  }
  ASSERT_GT(files, 1000u);
  std::ifstream listed_in(CCEMU_SOURCE_DIR "/tests/unit/schema/unenforced_patterns.txt");
  std::set<std::string> listed;
  for (std::string line; std::getline(listed_in, line);)
    if (!line.empty()) listed.insert(line);
  EXPECT_EQ(failing, listed);
}

}  // namespace
