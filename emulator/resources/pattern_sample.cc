#include "resources/pattern_sample.h"

#include <algorithm>
#include <memory>
#include <regex>
#include <stdexcept>
#include <vector>

#include "common/text.h"

namespace ccemu::resources {
namespace {

// Repetitions used for unbounded quantifiers over a class: long enough to look like an id.
constexpr size_t kOpenRepetitions = 8;
constexpr size_t kMaxRepetitions = 1024;

struct Node;
using Alternatives = std::vector<std::vector<std::unique_ptr<Node>>>;

struct Node {
  enum class Kind { kLiteral, kSet, kGroup } kind = Kind::kLiteral;
  char literal = 0;
  std::string set;  // allowed characters, for kSet
  Alternatives group;
  size_t min = 1, max = 1;  // unbounded (*, +, {n,}) is kMaxRepetitions
};

// How one sample is drawn: the same pattern yields strings of other lengths and shapes under
// other choices, so sample_matching can meet length bounds.
struct Choices {
  size_t open_repetitions = kOpenRepetitions;  // for classes without an upper bound
  size_t alternative = 0;                      // which branch of each alternation
  bool optional_groups = false;                // emit groups quantified ?, * once
};

class Unsupported : public std::runtime_error {
 public:
  Unsupported() : std::runtime_error("unsupported pattern") {}
};

std::string printable() {
  std::string out;
  for (char c = ' '; c <= '~'; ++c) out += c;
  return out;
}

std::string range(char from, char to) {
  std::string out;
  for (char c = from; c <= to; ++c) out += c;
  return out;
}

std::string escape_set(char c) {
  switch (c) {
    case 'd':
      return range('0', '9');
    case 'w':
      return range('a', 'z') + range('A', 'Z') + range('0', '9') + "_";
    case 's':
      return " ";
    case 'D':
    case 'W':
    case 'S':
      return range('a', 'z');
    default:
      return "";
  }
}

class Parser {
 public:
  explicit Parser(const std::string& pattern) : text_(pattern) {}

  Alternatives parse() {
    Alternatives result = alternatives();
    if (pos_ != text_.size()) throw Unsupported();
    return result;
  }

 private:
  Alternatives alternatives() {
    Alternatives result(1);
    while (pos_ < text_.size() && text_[pos_] != ')') {
      if (text_[pos_] == '|') {
        ++pos_;
        result.emplace_back();
        continue;
      }
      auto node = atom();
      if (node) {
        quantifier(*node);
        result.back().push_back(std::move(node));
      }
    }
    return result;
  }

  std::unique_ptr<Node> atom() {
    auto node = std::make_unique<Node>();
    char c = text_[pos_++];
    switch (c) {
      case '^':
      case '$':
        return nullptr;
      case '.':
        node->kind = Node::Kind::kSet;
        node->set = range('a', 'z') + range('0', '9');
        return node;
      case '(': {
        // A lookahead constrains without consuming: it is skipped here, and the final regex
        // check rejects a sample that breaks it.
        const bool lookahead =
            text_.compare(pos_, 2, "?=") == 0 || text_.compare(pos_, 2, "?!") == 0;
        if (lookahead || text_.compare(pos_, 2, "?:") == 0) {
          pos_ += 2;
        } else if (pos_ < text_.size() && text_[pos_] == '?') {
          throw Unsupported();
        }
        node->kind = Node::Kind::kGroup;
        node->group = alternatives();
        if (pos_ >= text_.size() || text_[pos_] != ')') throw Unsupported();
        ++pos_;
        if (lookahead) return nullptr;
        return node;
      }
      case '[':
        node->kind = Node::Kind::kSet;
        node->set = character_class();
        return node;
      case '\\': {
        if (pos_ >= text_.size()) throw Unsupported();
        char e = text_[pos_++];
        if (e == 'b' || e == 'B') return nullptr;  // zero-width; checked by the final regex
        if (std::isdigit(static_cast<unsigned char>(e))) throw Unsupported();
        std::string set = escape_set(e);
        if (!set.empty()) {
          node->kind = Node::Kind::kSet;
          node->set = set;
        } else {
          node->literal = e == 'n' ? '\n' : e == 't' ? '\t' : e;
        }
        return node;
      }
      case '*':
      case '+':
      case '?':
      case '{':
        throw Unsupported();
      default:
        node->literal = c;
        return node;
    }
  }

  std::string character_class() {
    bool negated = pos_ < text_.size() && text_[pos_] == '^';
    if (negated) ++pos_;
    std::string set;
    bool first = true;
    while (pos_ < text_.size() && (text_[pos_] != ']' || first)) {
      first = false;
      char c = text_[pos_++];
      if (c == '\\' && pos_ < text_.size()) {
        char e = text_[pos_++];
        std::string escaped = escape_set(e);
        set += escaped.empty() ? std::string(1, e) : escaped;
        continue;
      }
      if (pos_ + 1 < text_.size() && text_[pos_] == '-' && text_[pos_ + 1] != ']') {
        char to = text_[pos_ + 1];
        pos_ += 2;
        if (to < c) throw Unsupported();
        set += range(c, to);
        continue;
      }
      set += c;
    }
    if (pos_ >= text_.size()) throw Unsupported();
    ++pos_;  // ']'
    if (!negated) return set;
    std::string complement;
    for (char c : range('0', '9') + range('a', 'z') + range('A', 'Z') + printable()) {
      if (set.find(c) == std::string::npos && complement.find(c) == std::string::npos)
        complement += c;
    }
    return complement;
  }

  void quantifier(Node& node) {
    if (pos_ >= text_.size()) return;
    switch (text_[pos_]) {
      case '*':
        node.min = 0;
        node.max = kMaxRepetitions;
        ++pos_;
        break;
      case '+':
        node.min = 1;
        node.max = kMaxRepetitions;
        ++pos_;
        break;
      case '?':
        node.min = 0;
        node.max = 1;
        ++pos_;
        break;
      case '{': {
        auto close = text_.find('}', pos_);
        if (close == std::string::npos) throw Unsupported();
        std::string inside = text_.substr(pos_ + 1, close - pos_ - 1);
        auto comma = inside.find(',');
        try {
          node.min = std::stoul(inside.substr(0, comma));
          node.max = comma == std::string::npos   ? node.min
                     : comma + 1 == inside.size() ? std::max(node.min, kMaxRepetitions)
                                                  : std::stoul(inside.substr(comma + 1));
        } catch (const std::exception&) {
          throw Unsupported();
        }
        if (node.min > kMaxRepetitions || node.max < node.min) throw Unsupported();
        pos_ = close + 1;
        break;
      }
      default:
        return;
    }
    if (pos_ < text_.size() && text_[pos_] == '?') ++pos_;  // lazy: same language
  }

  const std::string& text_;
  size_t pos_ = 0;
};

void emit(const Alternatives& alternatives, const Choices& choices, IdGenerator& ids,
          std::string& out);

void emit(const Node& node, const Choices& choices, IdGenerator& ids, std::string& out) {
  // Classes repeat up to a chosen count so generated ids look like ids; other atoms repeat the
  // least number of times allowed (optional groups once, when so chosen).
  size_t times = node.min;
  if (node.kind == Node::Kind::kSet) {
    times = std::min(node.max, std::max(node.min, choices.open_repetitions));
  } else if (node.kind == Node::Kind::kGroup && choices.optional_groups && node.max >= 1) {
    times = std::max<size_t>(node.min, 1);
  }
  for (size_t i = 0; i < times; ++i) {
    switch (node.kind) {
      case Node::Kind::kLiteral:
        out += node.literal;
        break;
      case Node::Kind::kSet: {
        if (node.set.empty()) throw Unsupported();
        std::string pick = ids.alphanumeric(1);
        out += node.set.find(pick[0]) != std::string::npos
                   ? pick[0]
                   : node.set[static_cast<unsigned char>(pick[0]) % node.set.size()];
        break;
      }
      case Node::Kind::kGroup:
        emit(node.group, choices, ids, out);
        break;
    }
  }
}

void emit(const Alternatives& alternatives, const Choices& choices, IdGenerator& ids,
          std::string& out) {
  for (const auto& node : alternatives[choices.alternative % alternatives.size()]) {
    emit(*node, choices, ids, out);
  }
}

size_t emitted_length(const Alternatives& parsed, const Choices& choices, IdGenerator& ids) {
  std::string out;
  emit(parsed, choices, ids, out);
  return code_points(out);
}

}  // namespace

std::optional<std::string> sample_matching(const std::string& pattern, size_t min_length,
                                           size_t max_length, IdGenerator& ids) {
  try {
    const Alternatives parsed = Parser(pattern).parse();
    const std::regex compiled(pattern);
    // Unanchored patterns accept a longer string that contains a match; pad to the minimum.
    const bool anchored = pattern.starts_with("^") && pattern.ends_with("$");
    for (size_t alternative = 0; alternative < 3; ++alternative) {
      for (bool optional_groups : {false, true}) {
        Choices choices{kOpenRepetitions, alternative, optional_groups};
        // Lengths grow with the repetition count: when the usual count misses the bounds, take
        // the least count that reaches min_length.
        const size_t usual = emitted_length(parsed, choices, ids);
        if (usual < min_length || usual > max_length) {
          size_t low = 0, high = kMaxRepetitions;
          while (low < high) {
            choices.open_repetitions = low + (high - low) / 2;
            if (emitted_length(parsed, choices, ids) < min_length) {
              low = choices.open_repetitions + 1;
            } else {
              high = choices.open_repetitions;
            }
          }
          choices.open_repetitions = low;
        }
        for (int attempt = 0; attempt < 4; ++attempt) {  // random picks may break a lookahead
          std::string out;
          emit(parsed, choices, ids, out);
          while (!anchored && code_points(out) < min_length) out += 'x';
          const size_t length = code_points(out);
          if (length < min_length || length > max_length) break;
          if (std::regex_search(out, compiled)) return out;
        }
      }
    }
    return std::nullopt;
  } catch (const Unsupported&) {
    return std::nullopt;
  } catch (const std::regex_error&) {
    return std::nullopt;
  }
}

}  // namespace ccemu::resources
