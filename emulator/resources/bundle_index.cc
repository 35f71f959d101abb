#include "resources/bundle_index.h"

#include "common/json_limits.h"
#include "schema/resource_schema.h"

namespace ccemu::resources {
namespace {

constexpr std::string_view kFormat = "ccemu-registry-bundle";

// A strict scan of the index: true when `text` is the object it should be, with type names in
// strictly increasing order and every string plain printable ASCII. `each` (when set) gets every
// type. False means "let nlohmann's parser decide", never "invalid".
class IndexScan {
 public:
  explicit IndexScan(std::string_view text) : at_(text.data()), end_(text.data() + text.size()) {}

  bool run(const BundleIndex::Visitor* each) {
    bool format_ok = false, types_seen = false, format_seen = false;
    space();
    if (!take('{')) return false;
    space();
    if (take('}')) return false;  // no "types"
    do {
      std::string_view key;
      space();
      if (!string(key) || !colon()) return false;
      if (key == "format") {
        std::string_view format;
        if (format_seen || !string(format)) return false;
        format_seen = true;
        format_ok = format == kFormat;
      } else if (key == "types") {
        if (types_seen || !types(each)) return false;
        types_seen = true;
      } else if (!skip_value(0)) {
        return false;
      }
      space();
    } while (take(','));
    if (!take('}')) return false;
    space();
    return at_ == end_ && format_ok && types_seen;
  }

 private:
  void space() {
    while (at_ < end_ && (*at_ == ' ' || *at_ == '\n' || *at_ == '\r' || *at_ == '\t')) ++at_;
  }
  bool take(char c) {
    if (at_ < end_ && *at_ == c) {
      ++at_;
      return true;
    }
    return false;
  }
  bool colon() {
    space();
    if (!take(':')) return false;
    space();
    return true;
  }
  bool string(std::string_view& out) {
    if (!take('"')) return false;
    const char* begin = at_;
    while (at_ < end_ && *at_ != '"') {
      const auto c = static_cast<unsigned char>(*at_);
      if (c < 0x20 || c >= 0x7f || c == '\\') return false;
      ++at_;
    }
    if (at_ == end_) return false;
    out = std::string_view(begin, static_cast<size_t>(at_ - begin));
    ++at_;
    return true;
  }
  bool types(const BundleIndex::Visitor* each) {
    if (!take('{')) return false;
    space();
    if (take('}')) return true;
    std::string_view previous;
    bool first = true;
    do {
      std::string_view name, file;
      space();
      if (!string(name) || !colon() || !string(file)) return false;
      if (!first && !(previous < name)) return false;
      first = false;
      previous = name;
      if (each) (*each)(name, file);
      space();
    } while (take(','));
    return take('}');
  }
  bool digits() {
    const char* begin = at_;
    while (at_ < end_ && *at_ >= '0' && *at_ <= '9') ++at_;
    return at_ > begin;
  }
  bool number() {
    take('-');
    if (take('0')) {
      if (at_ < end_ && *at_ >= '0' && *at_ <= '9') return false;
    } else if (!digits()) {
      return false;
    }
    if (take('.') && !digits()) return false;
    if (take('e') || take('E')) {
      if (!take('+')) take('-');
      if (!digits()) return false;
    }
    return true;
  }
  bool word(std::string_view literal) {
    if (static_cast<size_t>(end_ - at_) < literal.size() ||
        std::string_view(at_, literal.size()) != literal) {
      return false;
    }
    at_ += literal.size();
    return true;
  }
  bool skip_value(int depth) {
    if (depth > kMaxJsonDepth) return false;
    if (at_ == end_) return false;
    std::string_view ignored;
    switch (*at_) {
      case '"':
        return string(ignored);
      case 't':
        return word("true");
      case 'f':
        return word("false");
      case 'n':
        return word("null");
      case '[':
      case '{': {
        const bool object = *at_++ == '{';
        const char close = object ? '}' : ']';
        space();
        if (take(close)) return true;
        do {
          space();
          if (object && (!string(ignored) || !colon())) return false;
          if (!skip_value(depth + 1)) return false;
          space();
        } while (take(','));
        return take(close);
      }
      default:
        return number();
    }
  }

  const char* at_;
  const char* end_;
};

}  // namespace

BundleIndex::BundleIndex(const std::filesystem::path& file, const Visitor& each) {
  bytes_ = FileBytes::read(file);
  if (!bytes_) throw schema::SchemaLoadError(file.string() + ": cannot be read");
  const std::string_view text = bytes_->view();
  // Checked whole before any type is handed on, so a bad index names none.
  if (IndexScan(text).run(nullptr)) {
    IndexScan(text).run(&each);
    return;
  }
  std::string error;
  auto index = parse_bounded_json(text, error);
  bytes_.reset();
  if (index && !(index->is_object() && index->value("format", "") == kFormat &&
                 index->contains("types") && (*index)["types"].is_object())) {
    error = "not a ccemu registry bundle index";
    index.reset();
  }
  if (!index) throw schema::SchemaLoadError(file.string() + ": " + error);
  const nlohmann::json& types = (*index)["types"];
  for (const auto& [type_name, schema_file] : types.items()) {
    if (!schema_file.is_string()) {
      throw schema::SchemaLoadError(file.string() + ": " + type_name + " names no file");
    }
  }
  for (const auto& [type_name, schema_file] : types.items()) {
    const std::string& name = decoded_.emplace_back(type_name);
    each(name, decoded_.emplace_back(schema_file.get<std::string>()));
  }
}

}  // namespace ccemu::resources
