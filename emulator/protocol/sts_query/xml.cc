#include "protocol/sts_query/xml.h"

#include <cstdint>

namespace ccemu::protocol::sts_query {
namespace {

constexpr std::string_view kNamespace = "https://sts.amazonaws.com/doc/2011-06-15/";
constexpr std::string_view kEmptyRequestId = "<RequestId></RequestId>";
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The length of the well-formed UTF-8 sequence at `text[i]`, or 0; its code point in `out`.
size_t utf8_sequence(std::string_view text, size_t i, uint32_t& out) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  size_t length;
  uint32_t min;
  if (lead < 0x80) {
    out = lead;
    return 1;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2, min = 0x80, out = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, min = 0x800, out = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, min = 0x10000, out = lead & 0x07;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    out = (out << 6) | (byte(i + k) & 0x3F);
  }
  if (out < min || out > 0x10FFFF || (out >= 0xD800 && out <= 0xDFFF)) return 0;
  return length;
}

bool xml_char(uint32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
}

}  // namespace

std::string xml_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    uint32_t c = 0;
    const size_t length = utf8_sequence(text, i, c);
    if (length == 0 || !xml_char(c)) {
      out += kReplacement;
      i += length == 0 ? 1 : length;
      continue;
    }
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out.append(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

std::string result_document(std::string_view operation, std::string_view result) {
  const std::string name(operation);
  std::string out = "<" + name + "Response xmlns=\"" + std::string(kNamespace) + "\">\n";
  out += "  <" + name + "Result>\n";
  out += result;
  out += "  </" + name + "Result>\n";
  out += "  <ResponseMetadata>\n    " + std::string(kEmptyRequestId) + "\n  </ResponseMetadata>\n";
  out += "</" + name + "Response>\n";
  return out;
}

std::string error_document(bool sender_fault, std::string_view code, std::string_view message) {
  std::string out = "<ErrorResponse xmlns=\"" + std::string(kNamespace) + "\">\n";
  out += "  <Error>\n";
  out += std::string("    <Type>") + (sender_fault ? "Sender" : "Receiver") + "</Type>\n";
  out += "    <Code>" + xml_text(code) + "</Code>\n";
  out += "    <Message>" + xml_text(message) + "</Message>\n";
  out += "  </Error>\n";
  out += "  " + std::string(kEmptyRequestId) + "\n";
  out += "</ErrorResponse>\n";
  return out;
}

void fill_request_id(std::string& document, const std::string& request_id) {
  const size_t at = document.find(kEmptyRequestId);
  if (at == std::string::npos) return;
  document.insert(at + std::string_view("<RequestId>").size(), xml_text(request_id));
}

}  // namespace ccemu::protocol::sts_query
