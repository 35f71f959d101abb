// Fuzzes STS's awsQuery codec (protocol/sts_query/) through the shared pipeline: form text in, an
// STS XML document out. Input: line 1 the method ("GET" takes the form as the query string,
// anything else posts it as the body), line 2 the Authorization value, the rest the form.
// Invariant: every response is a status from 200 to 599 whose body is an XML document of UTF-8
// text without the control characters XML cannot carry.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "fuzz_environment.h"
#include "identity/session_store.h"
#include "protocol/sts_query/wire.h"

namespace {

bool xml_safe_utf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const size_t length = lead < 0x80             ? 1
                          : (lead & 0xE0) == 0xC0 ? 2
                          : (lead & 0xF0) == 0xE0 ? 3
                          : (lead & 0xF8) == 0xF0 ? 4
                                                  : 0;
    if (length == 0 || i + length > text.size()) return false;
    if (length == 1 && lead < 0x20 && lead != '\t' && lead != '\n' && lead != '\r') return false;
    for (size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    }
    i += length;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto& env = ccemu::fuzz::environment();
  static auto* sessions = new ccemu::identity::SessionStore(env.clock);
  static auto* wire = new ccemu::protocol::sts_query::StsQuery(*sessions, env.ids);
  static auto* handler = new ccemu::protocol::ProtocolHandler(
      env.service, env.ids, {"123456789012", "us-east-1", sessions}, nullptr, nullptr, nullptr,
      wire);
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto take_line = [&input] {
    auto end = input.find('\n');
    std::string line(input.substr(0, end));
    input = end == std::string_view::npos ? std::string_view() : input.substr(end + 1);
    return line;
  };
  ccemu::protocol::Request request;
  request.method = take_line() == "GET" ? "GET" : "POST";
  request.headers["authorization"] = take_line();
  (request.method == "GET" ? request.query : request.body) = std::string(input);
  const auto response = handler->handle(request);
  if (response.status < 200 || response.status > 599 || !response.body.starts_with("<") ||
      !xml_safe_utf8(response.body)) {
    std::abort();
  }
  return 0;
}
