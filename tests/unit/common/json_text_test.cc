// JSON text written directly (common/json_text.h) is what nlohmann's dump() writes.
#include "common/json_text.h"

#include <gtest/gtest.h>

#include "common/json_corpus.h"

namespace ccemu {
namespace {

using nlohmann::json;

std::string written_string(std::string_view value) {
  std::string out;
  append_json_string(out, value);
  return out;
}

TEST(AppendJsonString, WritesWhatDumpWrites) {
  const std::vector<std::string> values = {"",
                                           "plain-name_1.2",
                                           "q\"uote",
                                           "back\\slash",
                                           "tab\tnew\nline",
                                           std::string("nul\0x", 5),
                                           "\x01\x1f\x7f",
                                           "slash/",
                                           "héllo 日本語 😀"};
  for (const std::string& value : values) {
    EXPECT_EQ(written_string(value), json(value).dump()) << value;
  }
}

TEST(AppendJsonString, ReplacesInvalidUtf8InsteadOfThrowing) {
  EXPECT_EQ(written_string("a\xff"), "\"a\xEF\xBF\xBD\"");
}

TEST(AppendEscapedDumpedJson, WritesWhatDumpingTheTextAsAStringWritesInsideTheQuotes) {
  for (const std::string& text : testing::tricky_model_texts()) {
    const std::string dumped = json::parse(text).dump();
    std::string out = "x\"";
    append_escaped_dumped_json(out, dumped.substr(0, dumped.size() / 2));
    append_escaped_dumped_json(out, dumped.substr(dumped.size() / 2));
    EXPECT_EQ(out + '"', "x" + json(dumped).dump()) << text;
  }
}

TEST(AppendEscapedDumpedJson, EscapesAQuoteOrBackslashAtEveryOffset) {
  // The text is escaped eight bytes at a time where it can be: a quote or backslash at any place
  // in or after a whole word.
  for (size_t size = 0; size <= 40; ++size) {
    for (size_t at = 0; at < size; ++at) {
      for (const char special : {'"', '\\'}) {
        std::string text(size, 'a');
        text[at] = special;
        std::string out;
        append_escaped_dumped_json(out, text);
        EXPECT_EQ('"' + out + '"', json(text).dump()) << text;
      }
    }
  }
}

TEST(MemberText, IsEachTopLevelMembersValueText) {
  for (const std::string& text : testing::tricky_model_texts()) {
    const json model = json::parse(text);
    const std::string dumped = model.dump();
    for (const auto& [key, value] : model.items()) {
      const auto member = member_text(dumped, key);
      ASSERT_TRUE(member.has_value()) << key;
      EXPECT_EQ(*member, value.dump()) << key;
    }
    EXPECT_FALSE(member_text(dumped, "Missing").has_value());
    EXPECT_FALSE(member_text(dumped, "Inner").has_value()) << "only top-level members";
  }
  EXPECT_FALSE(member_text("{}", "a").has_value());
  EXPECT_FALSE(member_text("[1]", "a").has_value());
}

// The reference: replace in the tree, then dump.
std::string replaced_in_tree(json tree, const std::vector<json::json_pointer>& pointers) {
  for (const auto& pointer : pointers) {
    if (tree.contains(pointer)) tree[pointer] = "***";
  }
  return tree.dump();
}

std::string replaced_in_text(const json& tree, const std::vector<json::json_pointer>& pointers) {
  std::string out;
  append_with_values_replaced(out, tree.dump(), pointers, R"("***")");
  return out;
}

TEST(AppendWithValuesReplaced, MatchesReplacingInTheTree) {
  const std::vector<std::vector<json::json_pointer>> pointer_sets = {
      {},
      {json::json_pointer("/Name")},
      {json::json_pointer("/Nested/0/1"), json::json_pointer("/Nested/1/a/0/b")},
      {json::json_pointer("/Obj/Inner/Deeper/1/y"), json::json_pointer("/Missing/x")},
      {json::json_pointer("/K\"ey"), json::json_pointer("/a~1b~0c"), json::json_pointer("/")},
      {json::json_pointer("/Big/x"), json::json_pointer("/Empty/0"),
       json::json_pointer("/Nested/01"), json::json_pointer("/Nested/-")},
      {json::json_pointer("/Kéy ü"), json::json_pointer("/Beyond"), json::json_pointer("/Tiny")},
      // An outer pointer covers an inner one, in either order.
      {json::json_pointer("/Obj/Inner"), json::json_pointer("/Obj")},
      {json::json_pointer("/Obj"), json::json_pointer("/Obj/Inner")},
  };
  for (const std::string& text : testing::tricky_model_texts()) {
    const json model = json::parse(text);
    for (const auto& pointers : pointer_sets) {
      EXPECT_EQ(replaced_in_text(model, pointers), replaced_in_tree(model, pointers)) << text;
    }
  }
}

TEST(AppendWithValuesReplaced, AStarNamesEveryItemOfAnArray) {
  const json model = json::parse(R"({"Rules":[{"Secret":"a","Name":"x"},{"Name":"y"},"s"],"*":1})");
  EXPECT_EQ(replaced_in_text(model, {json::json_pointer("/Rules/*/Secret")}),
            R"({"*":1,"Rules":[{"Name":"x","Secret":"***"},{"Name":"y"},"s"]})");
  EXPECT_EQ(replaced_in_text(model, {json::json_pointer("/*")}),
            R"({"*":"***","Rules":[{"Name":"x","Secret":"a"},{"Name":"y"},"s"]})");
}

TEST(AppendWithValuesReplaced, TheRootPointerReplacesTheWhole) {
  EXPECT_EQ(replaced_in_text(json::parse(R"({"a":1})"), {json::json_pointer("")}), R"("***")");
}

TEST(AppendWithValuesReplaced, AppendsToWhatIsThere) {
  std::string out = "[";
  append_with_values_replaced(out, R"({"a":[1,2],"b":"x"})", {json::json_pointer("/a/1")}, "0");
  EXPECT_EQ(out, R"([{"a":[1,0],"b":"x"})");
}

}  // namespace
}  // namespace ccemu
