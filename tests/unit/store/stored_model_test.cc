// StoredModel: its text is what serializing its tree gives, its read view is what serializing the
// tree with the hidden members erased gives, and parse() gives the tree back.
#include "store/stored_model.h"

#include <gtest/gtest.h>

#include "common/json_corpus.h"

namespace ccemu::store {
namespace {

using nlohmann::json;
using Pointers = std::vector<json::json_pointer>;

// The read view as a tree: `model` with the member at each pointer erased, "*" naming every item
// of an array, as cloudcontrol::read_view() does.
void erase(json& node, const std::vector<std::string>& tokens, size_t at) {
  if (at + 1 == tokens.size()) {
    if (node.is_object()) node.erase(tokens[at]);
  } else if (tokens[at] == "*" && node.is_array()) {
    for (json& item : node) erase(item, tokens, at + 1);
  } else if (node.is_object() && node.contains(tokens[at])) {
    erase(node[tokens[at]], tokens, at + 1);
  }
}

json erased(json model, const Pointers& hidden) {
  for (json::json_pointer pointer : hidden) {
    std::vector<std::string> tokens;
    for (; !pointer.empty(); pointer.pop_back()) tokens.insert(tokens.begin(), pointer.back());
    if (!tokens.empty()) erase(model, tokens, 0);
  }
  return model;
}

std::string literal(const StoredModel& stored) {
  std::string out;
  stored.append_read_view_literal(out);
  return out;
}

Pointers pointers(std::initializer_list<const char*> texts) {
  Pointers all;
  for (const char* text : texts) all.emplace_back(text);
  return all;
}

// Hidden sets that erase the first, a middle, the last and every member, nested members, members
// under arrays, members whose names need escaping, and members that are not there.
const std::vector<Pointers>& hidden_sets() {
  static const std::vector<Pointers> sets = {
      {},
      pointers({"/Name"}),
      pointers({"/Zero"}),
      pointers({"/Big", "/Neg", "/Beyond", "/Float", "/Tiny", "/Frac", "/NegZero", "/Exp", "/Int",
                "/Zero"}),
      pointers({"/Beyond", "/Int"}),
      pointers({"/Big", "/Neg", "/Frac", "/Zero"}),
      pointers({"/K\"ey", "/a~1b~0c", "/"}),
      pointers({"/Kéy ü", "/Name"}),
      pointers({"/Nested/*/a/*/b", "/Obj/Inner/Deeper", "/Missing/Member", "/Nested/0/k"}),
      pointers({"/Nested/*/*/*/*/k", "/Obj/Inner", "/Empty"}),
      pointers({"/Nested", "/Nested/*/a", "/Obj", "/Empty"}),
      pointers({"/Obj/Inner/Deeper/*/y", "/Name/Inner", "/Big/*"}),
  };
  return sets;
}

TEST(StoredModel, TextIsTheTreeSerialized) {
  for (const std::string& text : testing::tricky_model_texts()) {
    const json model = json::parse(text);
    EXPECT_EQ(StoredModel(model, pointers({"/Name"})).text(), model.dump()) << text;
  }
}

TEST(StoredModel, ReadViewIsTheTreeWithTheHiddenMembersErasedSerialized) {
  for (const std::string& text : testing::tricky_model_texts()) {
    const json model = json::parse(text);
    for (const Pointers& hidden : hidden_sets()) {
      const StoredModel stored(model, hidden);
      const std::string view = erased(model, hidden).dump();
      EXPECT_EQ(stored.read_view_text(), view) << text << " hiding " << json(hidden).dump();
      EXPECT_EQ(literal(stored), json(view).dump()) << text << " hiding " << json(hidden).dump();
    }
  }
}

TEST(StoredModel, ParseGivesTheTreeBack) {
  for (const std::string& text : testing::tricky_model_texts()) {
    const json model = json::parse(text);
    const json parsed = StoredModel(model, pointers({"/Name"})).parse();
    EXPECT_EQ(parsed, model) << text;
    EXPECT_EQ(parsed.dump(), model.dump()) << text;
  }
}

TEST(StoredModel, ReadViewMayBeEmpty) {
  const StoredModel stored(json::parse(R"({"Secret":"s","Other":{"a":1}})"),
                           pointers({"/Secret", "/Other"}));
  EXPECT_EQ(stored.text(), R"({"Other":{"a":1},"Secret":"s"})");
  EXPECT_EQ(literal(stored), R"("{}")");
}

}  // namespace
}  // namespace ccemu::store
