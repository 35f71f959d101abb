#include "protocol/sts_query/member_rules.h"

#include <cctype>
#include <charconv>
#include <string>

#include "common/api_error.h"
#include "common/validation_message.h"

namespace ccemu::protocol::sts_query {
namespace {

using Kind = MemberRule::Kind;
using nlohmann::json;

constexpr std::string_view kArnPattern =
    "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-"
    "\\u10FFFF]+";
constexpr std::string_view kSessionNamePattern = "[\\w+=,.@-]*";
constexpr std::string_view kPolicyPattern = "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+";
constexpr std::string_view kExternalIdPattern = "[\\w+=,.@:\\/-]*";
constexpr std::string_view kSerialNumberPattern = "[\\w+=/:,.@-]*";
constexpr std::string_view kTokenCodePattern = "[\\d]*";

MemberRule role_arn(std::string_view op) {
  return {op, "RoleArn", Kind::kString, true, 20, 2048, kArnPattern};
}
MemberRule session_name(std::string_view op) {
  return {op, "RoleSessionName", Kind::kString, true, 2, 64, kSessionNamePattern};
}
MemberRule duration(std::string_view op, int64_t max) {
  return {op, "DurationSeconds", Kind::kInteger, false, 900, max};
}
MemberRule serial_number(std::string_view op) {
  return {op, "SerialNumber", Kind::kString, false, 9, 256, kSerialNumberPattern};
}
MemberRule token_code(std::string_view op) {
  return {op, "TokenCode", Kind::kString, false, 6, 6, kTokenCodePattern};
}

// A code point range of a character class.
struct Range {
  uint32_t first, last;
};

// The ranges of a pattern "[...]*" or "[...]+" as the model writes them: \uXXXX (four or five hex
// digits), \w, \d, escaped and plain characters, and ranges between them.
std::vector<Range> class_ranges(std::string_view pattern) {
  std::vector<Range> ranges;
  size_t i = 1;  // after '['
  auto atom = [&](std::vector<Range>& out) -> std::optional<uint32_t> {
    if (pattern[i] != '\\') return static_cast<unsigned char>(pattern[i++]);
    const char kind = pattern[i + 1];
    i += 2;
    if (kind == 'w') {
      out.insert(out.end(), {{'a', 'z'}, {'A', 'Z'}, {'0', '9'}, {'_', '_'}});
      return std::nullopt;
    }
    if (kind == 'd') {
      out.push_back({'0', '9'});
      return std::nullopt;
    }
    if (kind != 'u') return static_cast<unsigned char>(kind);
    uint32_t value = 0;
    for (int digits = 0; digits < 6 && std::isxdigit(static_cast<unsigned char>(pattern[i]));
         ++digits, ++i) {
      value =
          value * 16 + static_cast<uint32_t>(std::stoi(std::string(1, pattern[i]), nullptr, 16));
    }
    return value;
  };
  while (pattern[i] != ']') {
    const std::optional<uint32_t> first = atom(ranges);
    if (!first) continue;
    if (pattern[i] == '-' && pattern[i + 1] != ']') {
      ++i;
      const std::optional<uint32_t> last = atom(ranges);
      ranges.push_back({*first, last.value_or(*first)});
    } else {
      ranges.push_back({*first, *first});
    }
  }
  return ranges;
}

// The next code point of UTF-8 `text` at `i`, advancing `i`; nullopt for a malformed sequence.
std::optional<uint32_t> next_code_point(std::string_view text, size_t& i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  size_t length = lead < 0x80             ? 1
                  : (lead & 0xE0) == 0xC0 ? 2
                  : (lead & 0xF0) == 0xE0 ? 3
                  : (lead & 0xF8) == 0xF0 ? 4
                                          : 0;
  if (length == 0 || i + length > text.size()) return std::nullopt;
  uint32_t value = length == 1 ? lead : lead & (0x7F >> length);
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return std::nullopt;
    value = (value << 6) | (byte(i + k) & 0x3F);
  }
  i += length;
  return value;
}

// Whether `value` matches `pattern`, one character class repeated ('*' or '+').
bool matches(std::string_view pattern, std::string_view value) {
  const std::vector<Range> ranges = class_ranges(pattern);
  if (pattern.back() == '+' && value.empty()) return false;
  for (size_t i = 0; i < value.size();) {
    const std::optional<uint32_t> c = next_code_point(value, i);
    if (!c) return false;
    bool inside = false;
    for (const Range& range : ranges) inside = inside || (*c >= range.first && *c <= range.last);
    if (!inside) return false;
  }
  return true;
}

// The member name as STS's messages write it: "RoleArn" -> "roleArn".
std::string message_name(std::string_view member) {
  std::string name(member);
  name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
  return name;
}

std::optional<int64_t> parse_integer(const std::string& text) {
  int64_t value = 0;
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || stop != end) return std::nullopt;
  return value;
}

const json* parameter(const json& input, std::string_view member) {
  auto it = input.find(std::string(member));
  return it == input.end() || !it->is_string() ? nullptr : &*it;
}

}  // namespace

const std::vector<MemberRule>& member_rules() {
  static const std::vector<MemberRule> kRules = {
      role_arn("AssumeRole"),
      session_name("AssumeRole"),
      {"AssumeRole", "Policy", Kind::kString, false, 1, std::nullopt, kPolicyPattern},
      duration("AssumeRole", 43200),
      {"AssumeRole", "ExternalId", Kind::kString, false, 2, 1224, kExternalIdPattern},
      serial_number("AssumeRole"),
      token_code("AssumeRole"),
      {"AssumeRole", "SourceIdentity", Kind::kString, false, 2, 64, kSessionNamePattern},
      role_arn("AssumeRoleWithWebIdentity"),
      session_name("AssumeRoleWithWebIdentity"),
      {"AssumeRoleWithWebIdentity", "WebIdentityToken", Kind::kString, true, 4, 20000, "", true},
      {"AssumeRoleWithWebIdentity", "ProviderId", Kind::kString, false, 4, 2048},
      {"AssumeRoleWithWebIdentity", "Policy", Kind::kString, false, 1, 2048, kPolicyPattern},
      duration("AssumeRoleWithWebIdentity", 43200),
      duration("GetSessionToken", 129600),
      serial_number("GetSessionToken"),
      token_code("GetSessionToken"),
  };
  return kRules;
}

void check_members(std::string_view operation, const json& input) {
  std::vector<std::string> clauses;
  for (const MemberRule& rule : member_rules()) {
    if (rule.operation != operation) continue;
    const std::string name = message_name(rule.member);
    const json* value = parameter(input, rule.member);
    if (value == nullptr) {
      if (rule.required)
        clauses.push_back(constraint_clause(std::nullopt, name, "Member must not be null"));
      continue;
    }
    const std::string& text = value->get_ref<const std::string&>();
    if (rule.kind == Kind::kInteger) {
      const std::optional<int64_t> number = parse_integer(text);
      if (!number) {
        clauses.push_back(constraint_clause(text, name, "Member must be an integer"));
        continue;
      }
      add_range_clauses(json(*number), name, rule.min, rule.max, clauses);
      continue;
    }
    if (!rule.pattern.empty() && !matches(rule.pattern, text)) {
      clauses.push_back(constraint_clause(
          text, name,
          "Member must satisfy regular expression pattern: " + std::string(rule.pattern),
          rule.sensitive));
    }
    add_length_clauses(text, name, rule.min, rule.max, rule.sensitive, clauses);
  }
  if (!clauses.empty()) throw ApiError(ErrorCode::kValidation, validation_errors_message(clauses));
}

std::optional<int64_t> integer_member(const json& input, std::string_view member) {
  const json* value = parameter(input, member);
  return value == nullptr ? std::nullopt : parse_integer(value->get<std::string>());
}

}  // namespace ccemu::protocol::sts_query
