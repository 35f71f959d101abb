#include "common/json_text.h"

#include <cstring>

namespace ccemu {
namespace {

using nlohmann::json;

// The index just past the string literal that starts at text[begin] (a '"').
size_t string_end(std::string_view text, size_t begin) {
  for (size_t i = begin + 1; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '"') {
      return i + 1;
    }
  }
  return text.size();
}

// The index just past the value that starts at text[begin].
size_t value_end(std::string_view text, size_t begin) {
  if (text[begin] == '"') return string_end(text, begin);
  if (text[begin] != '{' && text[begin] != '[') {
    size_t i = begin;
    while (i < text.size() && text[i] != ',' && text[i] != '}' && text[i] != ']') ++i;
    return i;
  }
  size_t depth = 0;
  for (size_t i = begin; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      i = string_end(text, i) - 1;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if ((c == '}' || c == ']') && --depth == 0) {
      return i + 1;
    }
  }
  return text.size();
}

// A member name as the pointer tokens spell it: the key literal unescaped.
std::string key_token(std::string_view literal) {
  if (literal.find('\\') == std::string_view::npos)
    return std::string(literal.substr(1, literal.size() - 2));
  return json::parse(literal).get<std::string>();
}

std::vector<std::string> tokens_of(json::json_pointer pointer) {
  std::vector<std::string> tokens;
  for (; !pointer.empty(); pointer.pop_back()) tokens.insert(tokens.begin(), pointer.back());
  return tokens;
}

using Tokens = std::vector<std::string>;

class Replacer {
 public:
  Replacer(std::string& out, std::string_view text, std::string_view replacement)
      : out_(out), text_(text), replacement_(replacement) {}

  // Copies the value at text_[begin], whose path is `depth` tokens long and is a prefix of each
  // of `candidates`; returns the index past it.
  size_t copy(size_t begin, size_t depth, const std::vector<const Tokens*>& candidates) {
    for (const Tokens* pointer : candidates) {
      if (pointer->size() == depth) {
        out_ += replacement_;
        return value_end(text_, begin);
      }
    }
    const char open = text_[begin];
    if (candidates.empty() || (open != '{' && open != '[')) {
      const size_t end = value_end(text_, begin);
      out_.append(text_.substr(begin, end - begin));
      return end;
    }
    const char close = open == '{' ? '}' : ']';
    out_ += open;
    size_t i = begin + 1;
    for (size_t index = 0; i < text_.size() && text_[i] != close; ++index) {
      if (text_[i] == ',') out_ += text_[i++];
      std::string token;
      if (open == '{') {
        const size_t key_end = string_end(text_, i);
        token = key_token(text_.substr(i, key_end - i));
        out_.append(text_.substr(i, key_end + 1 - i));  // the key and its ':'
        i = key_end + 1;
      } else {
        token = std::to_string(index);
      }
      std::vector<const Tokens*> below;
      for (const Tokens* pointer : candidates) {
        const std::string& step = (*pointer)[depth];
        if (step == token || (open == '[' && step == "*")) below.push_back(pointer);
      }
      i = copy(i, depth + 1, below);
    }
    out_ += close;
    return i + 1;
  }

 private:
  std::string& out_;
  std::string_view text_;
  std::string_view replacement_;
};

// Finds the members to erase: walks only the containers some pointer reaches into.
class ErasedMembers {
 public:
  explicit ErasedMembers(std::string_view text) : text_(text) {}

  // Visits the value at text_[begin], whose path is `depth` tokens long and is a proper prefix
  // of each of `candidates`; returns the index past it.
  size_t visit(size_t begin, size_t depth, const std::vector<const Tokens*>& candidates) {
    const char open = text_[begin];
    if (candidates.empty() || (open != '{' && open != '[')) return value_end(text_, begin);
    return open == '{' ? visit_object(begin, depth, candidates)
                       : visit_array(begin, depth, candidates);
  }

  std::vector<TextRange> ranges;

 private:
  size_t visit_object(size_t begin, size_t depth, const std::vector<const Tokens*>& candidates) {
    bool kept_before = false;  // a member before this one stays
    size_t i = begin + 1;
    while (i < text_.size() && text_[i] != '}') {
      const size_t member_begin = i;
      if (text_[i] == ',') ++i;
      const size_t key_end = string_end(text_, i);
      const std::string token = key_token(text_.substr(i, key_end - i));
      bool erased = false;
      std::vector<const Tokens*> below;
      for (const Tokens* pointer : candidates) {
        if ((*pointer)[depth] != token) continue;
        if (pointer->size() == depth + 1) erased = true;
        below.push_back(pointer);
      }
      if (!erased) {
        kept_before = true;
        i = visit(key_end + 1, depth + 1, below);
        continue;
      }
      size_t end = value_end(text_, key_end + 1);
      // With a kept member before, the comma before this one goes; otherwise the one after it
      // (the next member's), and with it any comma before this one is already gone.
      const size_t cut_begin = kept_before ? member_begin : i;
      const size_t member_end = end;
      if (!kept_before && end < text_.size() && text_[end] == ',') ++end;
      add(cut_begin, end);
      i = member_end;
    }
    return i + 1;
  }

  size_t visit_array(size_t begin, size_t depth, const std::vector<const Tokens*>& candidates) {
    std::vector<const Tokens*> below;
    for (const Tokens* pointer : candidates) {
      if ((*pointer)[depth] == "*" && pointer->size() > depth + 1) below.push_back(pointer);
    }
    size_t i = begin + 1;
    while (i < text_.size() && text_[i] != ']') {
      if (text_[i] == ',') ++i;
      i = visit(i, depth + 1, below);
    }
    return i + 1;
  }

  void add(size_t begin, size_t end) {
    if (!ranges.empty() && ranges.back().end == begin) {
      ranges.back().end = static_cast<uint32_t>(end);
    } else {
      ranges.push_back({static_cast<uint32_t>(begin), static_cast<uint32_t>(end)});
    }
  }

  std::string_view text_;
};

}  // namespace

void append_json_string(std::string& out, std::string_view value) {
  for (unsigned char c : value) {
    // Only these need the serializer: escapes, and UTF-8 it checks.
    if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) {
      out += json(std::string(value)).dump(-1, ' ', false, json::error_handler_t::replace);
      return;
    }
  }
  out += '"';
  out += value;
  out += '"';
}

namespace {

// Calls visit(key literal, value text) for each member of `object` (a JSON object as dump()
// writes it) until it returns true.
template <typename Visit>
void for_each_member(std::string_view object, Visit visit) {
  if (object.empty() || object.front() != '{') return;
  size_t i = 1;
  while (i < object.size() && object[i] == '"') {
    const size_t key_end = string_end(object, i);
    const size_t begin = key_end + 1;  // past the ':'
    const size_t end = value_end(object, begin);
    if (visit(object.substr(i, key_end - i), object.substr(begin, end - begin))) return;
    i = end + 1;  // past the ',' (or the closing '}')
  }
}

}  // namespace

std::optional<std::string_view> member_text(std::string_view object, std::string_view name) {
  std::optional<std::string_view> found;
  for_each_member(object, [&](std::string_view key, std::string_view value) {
    const bool plain = key.find('\\') == std::string_view::npos;
    if (plain ? key.substr(1, key.size() - 2) == name : key_token(key) == name) found = value;
    return found.has_value();
  });
  return found;
}

std::vector<MemberText> object_members(std::string_view object) {
  std::vector<MemberText> members;
  for_each_member(object, [&](std::string_view key, std::string_view value) {
    members.push_back({key_token(key), value});
    return false;
  });
  return members;
}

void append_escaped_dumped_json(std::string& out, std::string_view text) {
  // Room for the worst case, written through a pointer and trimmed after. Reads assemble answers
  // with this, so eight bytes at a time are copied whole when none of them needs escaping.
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
  const auto has_byte = [](uint64_t word, unsigned char byte) {
    const uint64_t x = word ^ (kOnes * byte);
    return ((x - kOnes) & ~x & kHighs) != 0;
  };
  const size_t at = out.size();
  out.resize(at + 2 * text.size());
  char* next = out.data() + at;
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    if (!has_byte(word, '"') && !has_byte(word, '\\')) {
      std::memcpy(next, text.data() + i, 8);
      next += 8;
      continue;
    }
    for (size_t j = i; j < i + 8; ++j) {
      if (text[j] == '"' || text[j] == '\\') *next++ = '\\';
      *next++ = text[j];
    }
  }
  for (; i < text.size(); ++i) {
    if (text[i] == '"' || text[i] == '\\') *next++ = '\\';
    *next++ = text[i];
  }
  out.resize(static_cast<size_t>(next - out.data()));
}

void append_with_values_replaced(std::string& out, std::string_view text,
                                 const std::vector<json::json_pointer>& pointers,
                                 std::string_view replacement) {
  std::vector<Tokens> tokens;
  tokens.reserve(pointers.size());
  for (const auto& pointer : pointers) tokens.push_back(tokens_of(pointer));
  std::vector<const Tokens*> candidates;
  for (const Tokens& pointer : tokens) candidates.push_back(&pointer);
  if (!text.empty()) Replacer(out, text, replacement).copy(0, 0, candidates);
}

std::vector<TextRange> erased_member_ranges(std::string_view text,
                                            const std::vector<json::json_pointer>& pointers) {
  std::vector<Tokens> tokens;
  tokens.reserve(pointers.size());
  for (const auto& pointer : pointers) {
    if (!pointer.empty()) tokens.push_back(tokens_of(pointer));
  }
  std::vector<const Tokens*> candidates;
  for (const Tokens& pointer : tokens) candidates.push_back(&pointer);
  ErasedMembers erased(text);
  if (!text.empty()) erased.visit(0, 0, candidates);
  return std::move(erased.ranges);
}

}  // namespace ccemu
