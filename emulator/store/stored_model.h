// StoredModel: one resource model as the store keeps it, as text made once per write.
//
// Reads answer from this text as it is, with no parse and no dump of the model: text() is what
// snapshots hold, read_view_literal() is what a read answer embeds. Code that must change or
// inspect a model (an update, a list filter) parses it with parse(). Both texts are compact JSON
// with keys in order, exactly as nlohmann's dump() writes the trees given, so an answer assembled
// from them is byte for byte the answer serializing the trees would give.
//
// Thread-safety: immutable once made; shared between the store, snapshots in progress and answers
// being written (std::shared_ptr<const StoredModel>), with no lock.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace ccemu::store {

class StoredModel {
 public:
  // `model`: the whole model, write-only values included; `read_view`: what reads show of it
  // (the caller decides what that is: cloudcontrol::stored_model()).
  StoredModel(const nlohmann::json& model, const nlohmann::json& read_view);

  // The whole model as JSON text, write-only values included.
  std::string_view text() const { return std::string_view(texts_).substr(0, text_size_); }
  // The read view's JSON text, itself written as one JSON string (quoted and escaped): ready to
  // be a member value, such as Cloud Control's ResourceDescription.Properties.
  std::string_view read_view_literal() const { return std::string_view(texts_).substr(text_size_); }
  // The read view's JSON text itself, for a caller that needs the view rather than an answer
  // embedding it (another API's codec, a test).
  std::string read_view_text() const;
  // The whole model as a tree, equal to the one it was made from.
  nlohmann::json parse() const;

 private:
  std::string texts_;  // text() followed by read_view_literal(): one allocation for both
  size_t text_size_;
};

// How the store, snapshots and answers hold a stored model.
using ModelRef = std::shared_ptr<const StoredModel>;

}  // namespace ccemu::store
