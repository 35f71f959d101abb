// SignatureVerifier (protocol/signature_verifier.h): requests signed by protocol/sigv4.h's signer
// (itself checked against botocore's vectors), then altered one way at a time.
#include "protocol/signature_verifier.h"

#include <gtest/gtest.h>

#include "common/api_error.h"
#include "protocol/sigv4.h"

namespace ccemu::protocol {
namespace {

using nlohmann::json;

// 2026-11-27T12:00:00Z
constexpr int64_t kNowMs = 1795780800000;
constexpr char kNow[] = "20261127T120000Z";
constexpr int64_t kMinuteMs = 60 * 1000;

Credentials credentials() { return {{"AKIDRIGHT", {"right-secret", "111122223333"}}}; }

Request signed_request(const std::string& secret = "right-secret",
                       const std::string& key_id = "AKIDRIGHT",
                       const std::string& amz_date = kNow) {
  SignableRequest signable{"POST",
                           "/",
                           "",
                           {{"Host", "127.0.0.1:4566"},
                            {"Content-Type", "application/x-amz-json-1.0"},
                            {"X-Amz-Target", "CloudApiService.ListResources"}},
                           R"({"TypeName":"AWS::AppFlow::ConnectorProfile"})"};
  sign(signable, {key_id, secret, ""}, "eu-west-3", "cloudcontrolapi", amz_date);
  Request request;
  for (auto& [name, value] : signable.headers) {
    std::string lower = name;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    request.headers[lower] = value;
  }
  request.body = signable.body;
  return request;
}

class SignatureVerifierTest : public ::testing::Test {
 protected:
  // "<ErrorName>: <message>" of the refusal, or "accepted".
  std::string refusal(const Request& request) {
    try {
      verifier_.authenticate(request);
    } catch (const ApiError& e) {
      return std::string(error_name(e.code())) + ": " + e.what();
    }
    return "accepted";
  }

  ManualClock clock_{kNowMs};
  SignatureVerifier verifier_{credentials(), {"123456789012", "us-east-1"}, clock_};
};

TEST_F(SignatureVerifierTest, RightSecretNamesTheKeysAccountAndTheScopesRegion) {
  const cloudcontrol::Caller caller = verifier_.authenticate(signed_request());
  EXPECT_EQ(caller.account, "111122223333");
  EXPECT_EQ(caller.region, "eu-west-3");
}

TEST_F(SignatureVerifierTest, WrongSecretDoesNotMatch) {
  const std::string expected =
      "InvalidSignatureException: The request signature we calculated does not match the "
      "signature you provided. Check your AWS Secret Access Key and signing method. Consult the "
      "service documentation for details.";
  EXPECT_EQ(refusal(signed_request("wrong-secret")), expected);
  try {
    verifier_.authenticate(signed_request("wrong-secret"));
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kSignatureDoesNotMatch);
  }
}

TEST_F(SignatureVerifierTest, AlteredBodyPathQueryOrSignedHeaderDoNotMatch) {
  Request body = signed_request();
  body.body += " ";
  Request path = signed_request();
  path.path = "/other";
  Request query = signed_request();
  query.query = "Action=ListResources";
  Request target = signed_request();
  target.headers["x-amz-target"] = "CloudApiService.GetResource";
  for (const Request& request : {body, path, query, target}) {
    EXPECT_EQ(refusal(request).substr(0, 51),
              "InvalidSignatureException: The request signature we");
  }
}

TEST_F(SignatureVerifierTest, UnknownKey) {
  EXPECT_EQ(refusal(signed_request("right-secret", "AKIDOTHER")),
            "UnrecognizedClientException: The security token included in the request is "
            "invalid.");
}

TEST_F(SignatureVerifierTest, MissingAuthorization) {
  Request request = signed_request();
  request.headers.erase("authorization");
  EXPECT_EQ(refusal(request), "MissingAuthenticationTokenException: Missing Authentication Token");
}

TEST_F(SignatureVerifierTest, ExpiredSignature) {
  clock_.advance_ms(15 * kMinuteMs + 1000);
  EXPECT_EQ(refusal(signed_request()),
            "InvalidSignatureException: Signature expired: 20261127T120000Z is now earlier than "
            "20261127T120001Z (20261127T121501Z - 15 min.)");
}

TEST_F(SignatureVerifierTest, FifteenMinutesEitherWayIsAccepted) {
  clock_.advance_ms(15 * kMinuteMs);
  EXPECT_EQ(refusal(signed_request()), "accepted");
  clock_.advance_ms(-30 * kMinuteMs);
  EXPECT_EQ(refusal(signed_request()), "accepted");
}

TEST_F(SignatureVerifierTest, SignatureFromTheFuture) {
  clock_.advance_ms(-16 * kMinuteMs);
  EXPECT_EQ(refusal(signed_request()),
            "InvalidSignatureException: Signature not yet current: 20261127T120000Z is still later "
            "than 20261127T115900Z (20261127T114400Z + 15 min.)");
}

TEST_F(SignatureVerifierTest, MalformedHeaderOrDate) {
  Request garbled = signed_request();
  garbled.headers["authorization"] += ", Extra=1";
  EXPECT_EQ(refusal(garbled),
            "IncompleteSignatureException: Authorization header requires 'Credential', "
            "'SignedHeaders' and 'Signature' parameters in AWS4-HMAC-SHA256 form.");
  Request no_date = signed_request();
  no_date.headers.erase("x-amz-date");
  EXPECT_EQ(refusal(no_date),
            "IncompleteSignatureException: Authorization header requires existence of either a "
            "'X-Amz-Date' or a 'Date' header.");
  Request bad_date = signed_request();
  bad_date.headers["x-amz-date"] = "2026-11-27";
  EXPECT_EQ(refusal(bad_date),
            "IncompleteSignatureException: Date must be in ISO-8601 'basic format'. Got "
            "'2026-11-27'.");
}

TEST_F(SignatureVerifierTest, ScopeProblemsAreReportedAsWithoutVerification) {
  Request request = signed_request();
  request.headers["authorization"] =
      "AWS4-HMAC-SHA256 Credential=AKIDRIGHT/20261127/moon/cloudcontrolapi/aws4_request, "
      "SignedHeaders=host;x-amz-date, Signature=" +
      std::string(64, '0');
  EXPECT_EQ(refusal(request),
            "InvalidSignatureException: Credential should be scoped to a valid region, not "
            "'moon'.");
}

TEST(Credentials, ParsesKeysSecretsAndAccounts) {
  const Credentials parsed = parse_credentials(json::parse(
      R"({"AKID1": {"secret_access_key": "s1", "account_id": "111122223333"},
          "AKID2": {"secret_access_key": "s2", "account_id": "444455556666"}})"));
  ASSERT_EQ(parsed.size(), 2u);
  EXPECT_EQ(parsed.at("AKID2").secret_access_key, "s2");
  EXPECT_EQ(parsed.at("AKID2").account_id, "444455556666");
}

TEST(Credentials, RefusalsNeverQuoteASecret) {
  auto refusal = [](const char* text) {
    try {
      parse_credentials(json::parse(text));
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(refusal("[]").substr(0, 45), "expected a JSON object of access key ids, eac");
  EXPECT_EQ(refusal("{}").substr(0, 45), "expected a JSON object of access key ids, eac");
  EXPECT_EQ(refusal(R"({"K": {"secret_access_key": "hush", "account_id": "12"}})"),
            "access key 'K': account_id must be a 12-digit string");
  EXPECT_EQ(refusal(R"({"K": {"secret_access_key": "", "account_id": "111122223333"}})"),
            "access key 'K': secret_access_key must be a non-empty string");
  EXPECT_EQ(refusal(R"({"K": {"secret_access_key": "hush", "account_id": "111122223333",
                              "session_token": "t"}})"),
            "access key 'K': unknown member 'session_token'");
}

}  // namespace
}  // namespace ccemu::protocol
