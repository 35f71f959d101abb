#include "cloudcontrol/state_change.h"

#include <cstring>

namespace ccemu::cloudcontrol {
namespace {

// Journals are new in this release: records of earlier development versions (1, 2: tokens as
// text) are not read.
constexpr uint8_t kEncodingVersion = 3;

class Writer {
 public:
  void byte(uint8_t value) { out_ += static_cast<char>(value); }
  void varint(uint64_t value) {
    while (value >= 0x80) {
      byte(static_cast<uint8_t>(value | 0x80));
      value >>= 7;
    }
    byte(static_cast<uint8_t>(value));
  }
  void fixed(int64_t value) {
    for (int i = 0; i < 8; ++i) byte(static_cast<uint8_t>(static_cast<uint64_t>(value) >> (8 * i)));
  }
  void text(std::string_view value) {
    varint(value.size());
    out_ += value;
  }
  void raw(std::string_view bytes) { out_ += bytes; }
  void optional_text(const std::optional<std::string>& value) {
    byte(value ? 1 : 0);
    if (value) text(*value);
  }
  void scope(const store::Scope& scope) {
    text(scope.account);
    text(scope.region);
    text(scope.type_name);
  }
  void model(const store::ModelRef& model) {
    byte(model ? 1 : 0);
    if (model) text(model->text());
  }
  void tags(const std::map<std::string, std::string>* tags) {
    varint(tags ? tags->size() : 0);
    if (tags == nullptr) return;
    for (const auto& [key, value] : *tags) {
      text(key);
      text(value);
    }
  }
  void meta(const store::ResourceMeta& meta) {
    fixed(meta.created_ms);
    fixed(meta.updated_ms);
    tags(meta.tags.get());
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

// Every read checks the bounds; a short or malformed payload sets failed() and reads zeros.
class Reader {
 public:
  Reader(std::string_view in, const resources::TypeRegistry& types) : in_(in), types_(types) {}
  bool failed() const { return failed_; }
  bool done() const { return in_.empty(); }
  uint8_t byte() {
    if (in_.empty()) return fail(), 0;
    const uint8_t value = static_cast<uint8_t>(in_.front());
    in_.remove_prefix(1);
    return value;
  }
  uint64_t varint() {
    uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      const uint8_t b = byte();
      value |= uint64_t(b & 0x7F) << shift;
      if ((b & 0x80) == 0) return value;
    }
    return fail(), 0;
  }
  int64_t fixed() {
    uint64_t value = 0;
    for (int i = 0; i < 8; ++i) value |= uint64_t(byte()) << (8 * i);
    return static_cast<int64_t>(value);
  }
  std::string text() { return std::string(text_view()); }
  std::string_view text_view() {
    const uint64_t size = varint();
    if (size > in_.size()) return fail(), std::string_view();
    std::string_view value = in_.substr(0, size);
    in_.remove_prefix(size);
    return value;
  }
  // `size` bytes as they are (zeros when short).
  std::string_view raw(size_t size) {
    static constexpr char kZeros[RequestToken::kSize] = {};
    if (size > in_.size()) return fail(), std::string_view(kZeros, size);
    std::string_view value = in_.substr(0, size);
    in_.remove_prefix(size);
    return value;
  }
  std::optional<std::string> optional_text() {
    if (byte() == 0) return std::nullopt;
    return text();
  }
  store::Scope scope() {
    store::Scope scope;
    scope.account = text();
    scope.region = text();
    scope.type_name = text();
    return scope;
  }
  store::ModelRef model(const std::string& type_name) {
    if (byte() == 0) return nullptr;
    const std::string_view body = text_view();
    if (failed_) return nullptr;
    const resources::ResourceType* type = types_.find(type_name);
    if (type == nullptr || body.empty() || body.front() != '{') return fail(), nullptr;
    return std::make_shared<const store::StoredModel>(body, type->schema->write_only());
  }
  std::map<std::string, std::string> tags() {
    std::map<std::string, std::string> tags;
    const uint64_t count = varint();
    for (uint64_t i = 0; i < count && !failed_; ++i) {
      std::string key = text();
      tags[key] = text();
    }
    return tags;
  }
  store::ResourceMeta meta() {
    store::ResourceMeta meta;
    meta.created_ms = fixed();
    meta.updated_ms = fixed();
    auto found = tags();
    if (!found.empty())
      meta.tags = std::make_shared<const std::map<std::string, std::string>>(std::move(found));
    return meta;
  }
  template <typename Enum>
  Enum enumerated(int max) {
    const uint8_t value = byte();
    if (value > max) fail();
    return static_cast<Enum>(value);
  }

 private:
  void fail() {
    failed_ = true;
    in_ = {};
  }
  std::string_view in_;
  const resources::TypeRegistry& types_;
  bool failed_ = false;
};

enum Kind : uint8_t { kPut = 1, kErase, kTags, kRequest, kToken, kImmediateToken, kReset };

struct Encoder {
  Writer& w;
  void operator()(const PutResource& c) {
    w.byte(kPut);
    w.scope(c.scope);
    w.text(c.identifier);
    w.model(c.model);
    w.byte(c.meta ? 1 : 0);
    if (c.meta) w.meta(*c.meta);
  }
  void operator()(const EraseResource& c) {
    w.byte(kErase);
    w.scope(c.scope);
    w.text(c.identifier);
  }
  void operator()(const SetTags& c) {
    w.byte(kTags);
    w.scope(c.scope);
    w.text(c.identifier);
    w.tags(&c.tags);
  }
  void operator()(const PutRequest& c) {
    w.byte(kRequest);
    w.scope(c.scope);
    w.optional_text(c.home_region);
    w.raw(c.token.bytes());
    w.text(c.identifier);
    w.byte(static_cast<uint8_t>(c.operation));
    w.byte(static_cast<uint8_t>(c.status));
    w.fixed(c.event_time_ms);
    w.optional_text(c.status_message);
    w.optional_text(c.error_code);
    w.fixed(c.created_ms);
    w.byte(c.pending ? 1 : 0);
    if (!c.pending) return;
    const PendingRecord& pending = *c.pending;
    w.byte(static_cast<uint8_t>(pending.outcome));
    w.optional_text(pending.error_code);
    w.optional_text(pending.message);
    w.model(pending.new_model);
    w.varint(static_cast<uint64_t>(pending.polls_left));
    w.byte(pending.due_ms ? 1 : 0);
    if (pending.due_ms) w.fixed(*pending.due_ms);
  }
  void operator()(const RememberClientToken& c) {
    w.byte(kToken);
    w.text(c.caller.account);
    w.text(c.caller.region);
    w.text(c.client_token);
    w.text(c.fingerprint);
    w.text(c.request_token);
    w.fixed(c.used_ms);
  }
  void operator()(const RememberImmediateToken& c) {
    w.byte(kImmediateToken);
    w.text(c.caller.account);
    w.text(c.caller.region);
    w.text(c.token);
    w.text(c.fingerprint);
    w.text(c.type_name);
    w.text(c.identifier);
    w.model(c.model);
    w.meta(c.meta);
    w.fixed(c.used_ms);
  }
  void operator()(const ResetAll&) { w.byte(kReset); }
};

constexpr int kMaxOperation = static_cast<int>(Operation::kDelete);
constexpr int kMaxStatus = static_cast<int>(OperationStatus::kCancelComplete);

std::optional<StateChange> decode_change(Reader& r) {
  switch (r.byte()) {
    case kPut: {
      PutResource c{r.scope(), r.text(), nullptr};
      c.model = r.model(c.scope.type_name);
      if (r.byte() != 0) c.meta = r.meta();
      if (!c.model) return std::nullopt;
      return c;
    }
    case kErase: {
      EraseResource c{r.scope(), r.text()};
      return c;
    }
    case kTags: {
      SetTags c{r.scope(), r.text(), {}};
      c.tags = r.tags();
      return c;
    }
    case kRequest: {
      PutRequest c;
      c.scope = r.scope();
      c.home_region = r.optional_text();
      c.token = RequestToken::from_bytes(r.raw(RequestToken::kSize));
      c.identifier = r.text();
      c.operation = r.enumerated<Operation>(kMaxOperation);
      c.status = r.enumerated<OperationStatus>(kMaxStatus);
      c.event_time_ms = r.fixed();
      c.status_message = r.optional_text();
      c.error_code = r.optional_text();
      c.created_ms = r.fixed();
      if (r.byte() != 0) {
        PendingRecord& pending = c.pending.emplace();
        pending.outcome = r.enumerated<OperationStatus>(kMaxStatus);
        pending.error_code = r.optional_text();
        pending.message = r.optional_text();
        pending.new_model = r.model(c.scope.type_name);
        pending.polls_left = static_cast<int>(r.varint());
        if (r.byte() != 0) pending.due_ms = r.fixed();
      }
      return c;
    }
    case kToken: {
      RememberClientToken c;
      c.caller.account = r.text();
      c.caller.region = r.text();
      c.client_token = r.text();
      c.fingerprint = r.text();
      c.request_token = r.text();
      c.used_ms = r.fixed();
      return c;
    }
    case kImmediateToken: {
      RememberImmediateToken c;
      c.caller.account = r.text();
      c.caller.region = r.text();
      c.token = r.text();
      c.fingerprint = r.text();
      c.type_name = r.text();
      c.identifier = r.text();
      c.model = r.model(c.type_name);
      c.meta = r.meta();
      c.used_ms = r.fixed();
      if (!c.model) return std::nullopt;
      return c;
    }
    case kReset:
      return ResetAll{};
    default:
      return std::nullopt;
  }
}

}  // namespace

ProgressEvent PutRequest::event() const {
  return {.type_name = scope.type_name,
          .identifier = identifier,
          .request_token = token.text(),
          .operation = operation,
          .status = status,
          .event_time_ms = event_time_ms,
          .status_message = status_message,
          .error_code = error_code};
}

std::string encode(const ChangeSet& set) {
  Writer w;
  w.byte(kEncodingVersion);
  w.fixed(set.at_ms);
  w.varint(set.ids_drawn);
  w.varint(set.changes.size());
  Encoder encoder{w};
  for (const StateChange& change : set.changes) std::visit(encoder, change);
  return w.take();
}

std::optional<ChangeSet> decode(std::string_view payload, const resources::TypeRegistry& types) {
  Reader r(payload, types);
  const uint8_t version = r.byte();
  if (version != kEncodingVersion) return std::nullopt;
  ChangeSet set;
  set.at_ms = r.fixed();
  set.ids_drawn = r.varint();
  const uint64_t count = r.varint();
  for (uint64_t i = 0; i < count && !r.failed(); ++i) {
    auto change = decode_change(r);
    if (!change || r.failed()) return std::nullopt;
    set.changes.push_back(std::move(*change));
  }
  if (r.failed() || !r.done()) return std::nullopt;
  return set;
}

}  // namespace ccemu::cloudcontrol
