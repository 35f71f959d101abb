#include "protocol/sigv4.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <stdexcept>

#include "common/clock.h"
#include "common/text.h"

namespace ccemu::protocol {
namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
constexpr std::string_view kTerminator = "aws4_request";

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string hex(const unsigned char* bytes, size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * size);
  for (size_t i = 0; i < size; ++i) {
    out += kDigits[bytes[i] >> 4];
    out += kDigits[bytes[i] & 0xf];
  }
  return out;
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest, &size);
  return std::string(reinterpret_cast<const char*>(digest), size);
}

bool unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~';
}

// Every byte outside the unreserved set as %XX (upper-case hex).
std::string uri_encode(std::string_view text) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    if (unreserved(c)) {
      out += c;
    } else {
      auto byte = static_cast<unsigned char>(c);
      out += '%';
      out += kDigits[byte >> 4];
      out += kDigits[byte & 0xf];
    }
  }
  return out;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (size_t from = 0;;) {
    size_t at = text.find(separator, from);
    parts.push_back(text.substr(from, at == std::string_view::npos ? at : at - from));
    if (at == std::string_view::npos) return parts;
    from = at + 1;
  }
}

bool blank(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  return text;
}

// Trimmed, with each inner run of blanks as one space.
std::string trim_all(std::string_view value) {
  std::string out;
  for (char c : trim(value)) {
    if (!blank(c)) {
      out += c;
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
  return out;
}

const std::string* find_header(const SignableRequest& request, std::string_view lower_name) {
  for (const auto& [name, value] : request.headers) {
    if (lower(name) == lower_name) return &value;
  }
  return nullptr;
}

void erase_header(SignableRequest& request, std::string_view lower_name) {
  std::erase_if(request.headers,
                [&](const auto& header) { return lower(header.first) == lower_name; });
}

bool all_of(std::string_view text, bool (*accept)(char)) {
  return std::all_of(text.begin(), text.end(), accept);
}

bool digit(char c) { return c >= '0' && c <= '9'; }
bool lower_hex(char c) { return digit(c) || (c >= 'a' && c <= 'f'); }
bool header_name_char(char c) {
  return c > ' ' && c < 0x7f && c != ';' && c != ',' && !(c >= 'A' && c <= 'Z');
}
bool scope_char(char c) { return c > ' ' && c < 0x7f && c != '/' && c != ','; }

// yyyymmddTHHMMSSZ, digits only checked.
bool amz_date_shape(std::string_view date) {
  return date.size() == 16 && date[8] == 'T' && date[15] == 'Z' &&
         all_of(date.substr(0, 8), digit) && all_of(date.substr(9, 6), digit);
}

bool parse_credential(std::string_view value, ParsedAuthorization& out) {
  auto parts = split(value, '/');
  if (parts.size() != 5 || parts[4] != kTerminator) return false;
  for (size_t i = 0; i < 4; ++i) {
    if (parts[i].empty() || !all_of(parts[i], scope_char)) return false;
  }
  if (parts[1].size() != 8 || !all_of(parts[1], digit)) return false;
  out.access_key_id = parts[0];
  out.date = parts[1];
  out.region = parts[2];
  out.service = parts[3];
  return true;
}

bool parse_signed_headers(std::string_view value, ParsedAuthorization& out) {
  for (auto name : split(value, ';')) {
    if (name.empty() || !all_of(name, header_name_char)) return false;
    out.signed_headers.emplace_back(name);
  }
  return true;
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr);
  return hex(digest, size);
}

std::string canonical_uri(std::string_view path) {
  std::vector<std::string_view> kept;
  for (auto segment : split(path, '/')) {
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") {
      if (!kept.empty()) kept.pop_back();
      continue;
    }
    kept.push_back(segment);
  }
  std::string out = "/";
  for (size_t i = 0; i < kept.size(); ++i) {
    if (i > 0) out += '/';
    out += uri_encode(kept[i]);
  }
  if (!kept.empty() && path.ends_with('/')) out += '/';
  return out;
}

std::string canonical_query(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (auto piece : split(query, '&')) {
    if (piece.empty()) continue;
    size_t equals = piece.find('=');
    std::string_view key = piece.substr(0, equals);
    std::string_view value = equals == std::string_view::npos ? "" : piece.substr(equals + 1);
    pairs.emplace_back(uri_encode(percent_decode(key, true)),
                       uri_encode(percent_decode(value, true)));
  }
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& [key, value] : pairs) {
    if (!out.empty()) out += '&';
    out += key + "=" + value;
  }
  return out;
}

std::string canonical_request(const SignableRequest& request,
                              const std::vector<std::string>& signed_headers) {
  std::vector<std::string> names;
  for (const auto& name : signed_headers) names.push_back(lower(name));
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());

  std::string headers;
  std::string header_list;
  for (const auto& name : names) {
    std::string values;
    bool first = true;
    for (const auto& [header, value] : request.headers) {
      if (lower(header) != name) continue;
      if (!first) values += ',';
      values += trim_all(value);
      first = false;
    }
    headers += name + ":" + values + "\n";
    header_list += (header_list.empty() ? "" : ";") + name;
  }
  const std::string* payload_hash = find_header(request, "x-amz-content-sha256");
  return request.method + "\n" + canonical_uri(request.path) + "\n" +
         canonical_query(request.query) + "\n" + headers + "\n" + header_list + "\n" +
         (payload_hash ? *payload_hash : sha256_hex(request.body));
}

std::string amz_date(int64_t epoch_ms) { return utc_text(epoch_ms, "%Y%m%dT%H%M%SZ"); }

std::string string_to_sign(const std::string& amz_date, const std::string& region,
                           const std::string& service, const std::string& canonical_request) {
  return std::string(kAlgorithm) + "\n" + amz_date + "\n" + amz_date.substr(0, 8) + "/" + region +
         "/" + service + "/" + std::string(kTerminator) + "\n" + sha256_hex(canonical_request);
}

std::string signature(const std::string& secret_access_key, const std::string& date,
                      const std::string& region, const std::string& service,
                      const std::string& string_to_sign) {
  std::string key = hmac_sha256("AWS4" + secret_access_key, date);
  key = hmac_sha256(key, region);
  key = hmac_sha256(key, service);
  key = hmac_sha256(key, kTerminator);
  std::string mac = hmac_sha256(key, string_to_sign);
  return hex(reinterpret_cast<const unsigned char*>(mac.data()), mac.size());
}

void sign(SignableRequest& request, const SigningKey& key, const std::string& region,
          const std::string& service, const std::string& amz_date, PayloadHashHeader payload_hash) {
  if (!amz_date_shape(amz_date)) {
    throw std::invalid_argument("SigV4 date must be yyyymmddTHHMMSSZ, not '" + amz_date + "'");
  }
  if (!find_header(request, "host")) throw std::invalid_argument("SigV4 needs a Host header");
  erase_header(request, "authorization");
  erase_header(request, "x-amz-date");
  erase_header(request, "x-amz-security-token");
  request.headers.emplace_back("X-Amz-Date", amz_date);
  if (!key.session_token.empty()) {
    request.headers.emplace_back("X-Amz-Security-Token", key.session_token);
  }
  if (payload_hash == PayloadHashHeader::kAdd) {
    erase_header(request, "x-amz-content-sha256");
    request.headers.emplace_back("X-Amz-Content-Sha256", sha256_hex(request.body));
  }

  std::vector<std::string> names;
  for (const auto& [name, value] : request.headers) {
    std::string lowered = lower(name);
    if (lowered == "host" || lowered == "content-type" || lowered.starts_with("x-amz-")) {
      names.push_back(lowered);
    }
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::string header_list;
  for (const auto& name : names) header_list += (header_list.empty() ? "" : ";") + name;

  std::string to_sign =
      string_to_sign(amz_date, region, service, canonical_request(request, names));
  request.headers.emplace_back(
      "Authorization",
      std::string(kAlgorithm) + " Credential=" + key.access_key_id + "/" + amz_date.substr(0, 8) +
          "/" + region + "/" + service + "/" + std::string(kTerminator) +
          ", SignedHeaders=" + header_list + ", Signature=" +
          signature(key.secret_access_key, amz_date.substr(0, 8), region, service, to_sign));
}

std::optional<ParsedAuthorization> parse_authorization(std::string_view header) {
  header = trim(header);
  if (!header.starts_with(kAlgorithm)) return std::nullopt;
  header.remove_prefix(kAlgorithm.size());
  if (header.empty() || !blank(header.front())) return std::nullopt;

  ParsedAuthorization parsed;
  bool credential = false, signed_headers = false, signature_seen = false;
  for (auto component : split(header, ',')) {
    component = trim(component);
    size_t equals = component.find('=');
    if (equals == std::string_view::npos) return std::nullopt;
    std::string_view name = component.substr(0, equals);
    std::string_view value = component.substr(equals + 1);
    if (name == "Credential" && !credential) {
      credential = parse_credential(value, parsed);
      if (!credential) return std::nullopt;
    } else if (name == "SignedHeaders" && !signed_headers) {
      signed_headers = parse_signed_headers(value, parsed);
      if (!signed_headers) return std::nullopt;
    } else if (name == "Signature" && !signature_seen) {
      if (value.size() != 64 || !all_of(value, lower_hex)) return std::nullopt;
      parsed.signature = value;
      signature_seen = true;
    } else {
      return std::nullopt;
    }
  }
  if (!credential || !signed_headers || !signature_seen) return std::nullopt;
  return parsed;
}

bool verify(const SignableRequest& request, const ParsedAuthorization& auth,
            const std::string& secret_access_key) {
  const auto& names = auth.signed_headers;
  auto listed = [&](std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  if (!listed("host") || !listed("x-amz-date")) return false;
  for (const auto& name : names) {
    if (!find_header(request, name)) return false;
  }
  const std::string* amz_date = find_header(request, "x-amz-date");
  if (!amz_date_shape(*amz_date) || amz_date->substr(0, 8) != auth.date) return false;
  const std::string* payload_hash = find_header(request, "x-amz-content-sha256");
  if (payload_hash && *payload_hash != sha256_hex(request.body)) return false;

  std::string expected = signature(
      secret_access_key, auth.date, auth.region, auth.service,
      string_to_sign(*amz_date, auth.region, auth.service, canonical_request(request, names)));
  return auth.signature.size() == expected.size() &&
         CRYPTO_memcmp(auth.signature.data(), expected.data(), expected.size()) == 0;
}

}  // namespace ccemu::protocol
