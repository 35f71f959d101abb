// StoredModel: its texts are what serializing its trees gives, and parse() gives the tree back.
#include "store/stored_model.h"

#include <gtest/gtest.h>

#include "common/json_corpus.h"

namespace ccemu::store {
namespace {

using nlohmann::json;

TEST(StoredModel, TextsAreTheTreesSerialized) {
  for (const std::string& text : testing::tricky_model_texts()) {
    const json model = json::parse(text);
    json view = model;
    view.erase("Name");
    const StoredModel stored(model, view);
    EXPECT_EQ(stored.text(), model.dump()) << text;
    EXPECT_EQ(stored.read_view_literal(), json(view.dump()).dump()) << text;
    EXPECT_EQ(stored.read_view_text(), view.dump()) << text;
  }
}

TEST(StoredModel, ParseGivesTheTreeBack) {
  for (const std::string& text : testing::tricky_model_texts()) {
    const json model = json::parse(text);
    const json parsed = StoredModel(model, model).parse();
    EXPECT_EQ(parsed, model) << text;
    EXPECT_EQ(parsed.dump(), model.dump()) << text;
  }
}

TEST(StoredModel, ReadViewMayBeEmpty) {
  const StoredModel stored(json::parse(R"({"Secret":"s"})"), json::object());
  EXPECT_EQ(stored.text(), R"({"Secret":"s"})");
  EXPECT_EQ(stored.read_view_literal(), R"("{}")");
}

}  // namespace
}  // namespace ccemu::store
