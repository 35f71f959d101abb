// AWS Signature Version 4 (AWS4-HMAC-SHA256, Authorization-header form): signs outgoing requests
// (re-signing proxied traffic) and checks incoming ones.
//
// Follows "Create a signed AWS API request" in the IAM user guide, as botocore implements it:
//   canonical request = METHOD \n canonical URI \n canonical query \n canonical headers \n
//                       signed headers \n hex SHA-256 of the payload
//   string to sign    = "AWS4-HMAC-SHA256" \n amz-date \n date/region/service/aws4_request \n
//                       hex SHA-256 of the canonical request
//   signing key       = HMAC chain "AWS4"+secret -> date -> region -> service -> "aws4_request"
// Paths and queries are taken as sent on the wire, so a verifier can pass them through untouched.
// SHA-256 and HMAC come from OpenSSL. Nothing here reads a clock: date skew is the caller's check.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ccemu::protocol {

struct SigningKey {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty: long-term credentials, no X-Amz-Security-Token
};

struct SignableRequest {
  std::string method;  // "POST"
  std::string path;    // as sent, percent-encoding kept, no query: "/", "/a%20b/"
  std::string query;   // as sent, without '?': "Action=CreateResource&Version=2021-09-30"
  std::vector<std::pair<std::string, std::string>> headers;  // any name case; repeats allowed
  std::string body;
};

// Lower-case hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

// The path with "." and ".." segments resolved and empty segments dropped, each segment
// URI-encoded (everything but A-Za-z0-9-_.~ as %XX) once more, as every service but S3 expects;
// "/" when empty.
std::string canonical_uri(std::string_view path);

// Parameters percent-decoded ('+' as a space, as form encoding sends it), re-encoded with the
// unreserved set above (space as %20), sorted by key then value, joined "k=v&k=v".
std::string canonical_query(std::string_view query);

// The canonical request over `signed_headers` (any case; sorted and lower-cased here). Each
// header's value is trimmed with inner runs of blanks collapsed; repeats are joined with ','; a
// named header absent from the request appears with an empty value. The payload hash is the
// X-Amz-Content-Sha256 header's value when the request has one (as botocore does), else the body's.
std::string canonical_request(const SignableRequest& request,
                              const std::vector<std::string>& signed_headers);

// `epoch_ms` as X-Amz-Date writes it: yyyymmddTHHMMSSZ.
std::string amz_date(int64_t epoch_ms);

// `amz_date` is yyyymmddTHHMMSSZ; the scope's date is its first eight characters.
std::string string_to_sign(const std::string& amz_date, const std::string& region,
                           const std::string& service, const std::string& canonical_request);

// Lower-case hex HMAC-SHA256 of `string_to_sign` under the key derived for the scope.
std::string signature(const std::string& secret_access_key, const std::string& date,
                      const std::string& region, const std::string& service,
                      const std::string& string_to_sign);

enum class PayloadHashHeader { kOmit, kAdd };

// Signs `request` in place. Drops any Authorization, X-Amz-Date and X-Amz-Security-Token it
// carries (and X-Amz-Content-Sha256 when kAdd), adds X-Amz-Date, X-Amz-Security-Token when the key
// has a session token, X-Amz-Content-Sha256 when kAdd, then Authorization. SignedHeaders are all
// present headers named host, content-type or x-amz-*. The request must carry Host (for a proxied
// request, the upstream's). Throws std::invalid_argument without Host or with a malformed amz_date.
void sign(SignableRequest& request, const SigningKey& key, const std::string& region,
          const std::string& service, const std::string& amz_date,
          PayloadHashHeader payload_hash = PayloadHashHeader::kOmit);

// The parts of "AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request,
// SignedHeaders=<a;b;c>, Signature=<64 hex>".
struct ParsedAuthorization {
  std::string access_key_id;
  std::string date;  // yyyymmdd
  std::string region;
  std::string service;
  std::vector<std::string> signed_headers;  // as listed: lower-case, non-empty
  std::string signature;                    // 64 lower-case hex digits
};

// nullopt unless the header has exactly that shape: the algorithm, then the three components
// once each in any order, comma-separated with optional blanks, nothing else.
std::optional<ParsedAuthorization> parse_authorization(std::string_view header);

// True when `auth` is a valid signature of `request` by `secret_access_key`. Also requires host and
// x-amz-date to be signed, every signed header to be present, X-Amz-Date to fall on the scope's
// date and an X-Amz-Content-Sha256 header, if any, to be the body's hash. Does not check the
// access key id, the scope's region or service, or the date skew. Compares in constant time.
bool verify(const SignableRequest& request, const ParsedAuthorization& auth,
            const std::string& secret_access_key);

}  // namespace ccemu::protocol
