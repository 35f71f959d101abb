// Base64 (RFC 4648, with padding) through OpenSSL, for opaque pagination tokens.
#pragma once

#include <optional>
#include <string>

namespace ccemu {

std::string base64_encode(const std::string& bytes);
// nullopt when `text` is empty or not canonical padded base64.
std::optional<std::string> base64_decode(const std::string& text);

}  // namespace ccemu
