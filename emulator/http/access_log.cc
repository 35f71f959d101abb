#include "http/access_log.h"

#include <cstdio>
#include <ctime>

namespace ccemu::http {
namespace {

// Identifiers may hold 1 024 characters; a log line needs far less to find the resource.
constexpr size_t kMaxValueBytes = 256;

bool needs_quotes(const std::string& value) {
  for (unsigned char c : value) {
    if (c <= ' ' || c == '"' || c == '=' || c == '\\' || c == 0x7f) return true;
  }
  return false;
}

// Cuts at a UTF-8 character boundary and marks the cut.
std::string bounded(const std::string& value) {
  if (value.size() <= kMaxValueBytes) return value;
  size_t end = kMaxValueBytes;
  while (end > 0 && (static_cast<unsigned char>(value[end]) & 0xC0) == 0x80) --end;
  return value.substr(0, end) + "...";
}

void append_value(std::string& line, const std::string& raw) {
  const std::string value = bounded(raw);
  if (!needs_quotes(value)) {
    line += value;
    return;
  }
  line += '"';
  for (unsigned char c : value) {
    switch (c) {
      case '"':
        line += "\\\"";
        break;
      case '\\':
        line += "\\\\";
        break;
      case '\n':
        line += "\\n";
        break;
      case '\r':
        line += "\\r";
        break;
      case '\t':
        line += "\\t";
        break;
      default:
        if (c < ' ' || c == 0x7f) {
          char escaped[7];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
          line += escaped;
        } else {
          line += static_cast<char>(c);
        }
    }
  }
  line += '"';
}

void append_field(std::string& line, const char* key, const std::string& value) {
  if (!line.empty()) line += ' ';
  line += key;
  line += '=';
  append_value(line, value);
}

}  // namespace

std::string access_log_line(const AccessLogEntry& entry) {
  std::string line;
  append_field(line, "time", rfc3339_ms(entry.time));
  append_field(line, "account", entry.account);
  append_field(line, "region", entry.region);
  append_field(line, "operation", entry.operation);
  append_field(line, "type", entry.type_name);
  append_field(line, "identifier", entry.identifier);
  append_field(line, "status", std::to_string(entry.status));
  append_field(line, "error", entry.error);
  append_field(line, "duration_us", std::to_string(entry.duration_us));
  line += '\n';
  return line;
}

}  // namespace ccemu::http
