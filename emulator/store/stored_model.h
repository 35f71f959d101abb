// StoredModel: one resource model as the store keeps it, as text made once per write.
//
// Reads answer from this text with no parse and no dump of the model: text() is what snapshots
// hold, and the read view (the model without what reads never show) is that same text with some
// byte ranges left out, written into an answer as a JSON string by append_read_view_literal().
// Keeping one text and the ranges, not a second text, keeps a stored model near the size of its
// JSON. Code that must change or inspect a model (an update, a list filter) parses it with parse().
// The text is compact JSON with keys in order, exactly as nlohmann's dump() writes the tree
// given, so an answer assembled from it is byte for byte the answer serializing trees would give.
//
// Thread-safety: immutable once made; shared between the store, snapshots in progress and answers
// being written (std::shared_ptr<const StoredModel>), with no lock.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/json_text.h"

namespace ccemu::store {

class StoredModel {
 public:
  // `model`: the whole model, write-only values included; `hidden`: the members reads leave out
  // (the caller decides which: cloudcontrol::stored_model()), where a "*" token names every item
  // of an array.
  StoredModel(const nlohmann::json& model, const std::vector<nlohmann::json::json_pointer>& hidden);
  // The same from text another StoredModel gave (a journal record), with no parse.
  StoredModel(std::string_view text, const std::vector<nlohmann::json::json_pointer>& hidden);

  // The whole model as JSON text, write-only values included.
  std::string_view text() const { return {text_.get(), size_}; }
  // Appends the read view's JSON text, itself written as one JSON string (quoted and escaped):
  // ready to be a member value, such as Cloud Control's ResourceDescription.Properties.
  void append_read_view_literal(std::string& out) const;
  // A size to reserve for append_read_view_literal(): room for every byte escaped, as it needs.
  size_t read_view_literal_size_hint() const { return 2 * size_ + 2; }
  // The read view's JSON text itself, for a caller that needs the view rather than an answer
  // embedding it (another API's codec, a test).
  std::string read_view_text() const;
  // The whole model as a tree, equal to the one it was made from.
  nlohmann::json parse() const;

 private:
  // Calls `visit` with each run of text_ the read view keeps, in order.
  template <typename Visit>
  void for_each_kept(Visit visit) const;
  void keep(std::string_view text, const std::vector<nlohmann::json::json_pointer>& hidden);

  // A store holds one per resource, so 32 bytes of members rather than 64: the text in a block of
  // its own size (a std::string would be 32 bytes and, made by dump(), up to twice the text).
  std::unique_ptr<char[]> text_;
  uint32_t size_ = 0;
  uint32_t more_hidden_count_ = 0;
  // The ranges of text_ the read view leaves out, in order. Most models hide one or none, so the
  // first is held here and only further ones take an allocation.
  TextRange first_hidden_{};
  std::unique_ptr<TextRange[]> more_hidden_;
};

// How the store, snapshots and answers hold a stored model.
using ModelRef = std::shared_ptr<const StoredModel>;

}  // namespace ccemu::store
