// SigV4 signing and verification (protocol/sigv4.h): AWS's published test-suite vectors, botocore's
// signer on Cloud Control requests, and the Authorization header parser.
#include "protocol/sigv4.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace ccemu::protocol {
namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

// ---------------------------------------------------------------------------------------------
// AWS's SigV4 test suite (aws-sig-v4-test-suite, as shipped in the AWS SDKs): every vector signs
// with AKIDEXAMPLE / wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY at 20150830T123600Z for
// us-east-1/service. Requests, canonical requests and signatures are copied from the suite.

const SigningKey kSuiteKey{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
constexpr char kSuiteDate[] = "20150830T123600Z";
constexpr char kSuiteHost[] = "example.amazonaws.com";
constexpr char kEmptyHash[] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

struct SuiteVector {
  SignableRequest request;
  std::vector<std::string> signed_headers;
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;
};

std::string suite_string_to_sign(const std::string& canonical_request_hash) {
  return std::string(
             "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n") +
         canonical_request_hash;
}

void expect_known_answer(const SuiteVector& v) {
  const std::string creq = canonical_request(v.request, v.signed_headers);
  EXPECT_EQ(creq, v.canonical_request);
  const std::string sts = string_to_sign(kSuiteDate, "us-east-1", "service", creq);
  EXPECT_EQ(sts, v.string_to_sign);
  EXPECT_EQ(signature(kSuiteKey.secret_access_key, "20150830", "us-east-1", "service", sts),
            v.signature);
}

SignableRequest suite_get(std::string path, std::string query, Headers extra = {}) {
  Headers headers{{"Host", kSuiteHost}};
  headers.insert(headers.end(), extra.begin(), extra.end());
  headers.emplace_back("X-Amz-Date", kSuiteDate);
  return {"GET", std::move(path), std::move(query), std::move(headers), ""};
}

// X-Amz-Date is ISO 8601 basic format in UTC (AWS SigV4 documentation, "Elements of a request").
TEST(SigV4Date, IsBasicIso8601InUtcToTheSecond) {
  EXPECT_EQ(amz_date(1767225600999), "20260101T000000Z");
  EXPECT_EQ(amz_date(1440938160000), "20150830T123600Z");
}

TEST(SigV4KnownAnswer, GetVanilla) {
  expect_known_answer(
      {suite_get("/", ""),
       {"host", "x-amz-date"},
       "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" +
           std::string(kEmptyHash),
       suite_string_to_sign("bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63"),
       "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"});
}

TEST(SigV4KnownAnswer, PostVanilla) {
  SignableRequest request = suite_get("/", "");
  request.method = "POST";
  expect_known_answer(
      {request,
       {"host", "x-amz-date"},
       "POST\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" +
           std::string(kEmptyHash),
       suite_string_to_sign("553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87"),
       "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"});
}

TEST(SigV4KnownAnswer, PostXWwwFormUrlencoded) {
  SignableRequest request{"POST",
                          "/",
                          "",
                          {{"Content-Type", "application/x-www-form-urlencoded"},
                           {"Host", kSuiteHost},
                           {"X-Amz-Date", kSuiteDate}},
                          "Param1=value1"};
  expect_known_answer(
      {request,
       {"content-type", "host", "x-amz-date"},
       "POST\n/\n\ncontent-type:application/x-www-form-urlencoded\nhost:example.amazonaws.com\n"
       "x-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\n"
       "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e",
       suite_string_to_sign("42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281"),
       "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"});
}

TEST(SigV4KnownAnswer, GetVanillaQueryOrderKeyCase) {
  expect_known_answer(
      {suite_get("/", "Param2=value2&Param1=value1"),
       {"host", "x-amz-date"},
       "GET\n/\nParam1=value1&Param2=value2\nhost:example.amazonaws.com\n"
       "x-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" +
           std::string(kEmptyHash),
       suite_string_to_sign("816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0"),
       "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"});
}

TEST(SigV4KnownAnswer, GetVanillaUtf8Query) {
  // The suite's raw "ሴ=bar"; its wire form "%E1%88%B4=bar" must canonicalize the same way.
  for (const std::string query : {"\xE1\x88\xB4=bar", "%E1%88%B4=bar"}) {
    SCOPED_TRACE(query);
    expect_known_answer(
        {suite_get("/", query),
         {"host", "x-amz-date"},
         "GET\n/\n%E1%88%B4=bar\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
         "host;x-amz-date\n" +
             std::string(kEmptyHash),
         suite_string_to_sign("eb30c5bed55734080471a834cc727ae56beb50e5f39d1bff6d0d38cb192a7073"),
         "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"});
  }
}

TEST(SigV4KnownAnswer, GetSpace) {
  expect_known_answer(
      {suite_get("/example space/", ""),
       {"host", "x-amz-date"},
       "GET\n/example%20space/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
       "host;x-amz-date\n" +
           std::string(kEmptyHash),
       suite_string_to_sign("63ee75631ed7234ae61b5f736dfc7754cdccfedbff4b5128a915706ee9390d86"),
       "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741"});
}

TEST(SigV4KnownAnswer, GetHeaderValueTrim) {
  expect_known_answer(
      {suite_get("/", "", {{"My-Header1", " value1"}, {"My-Header2", " \"a   b   c\""}}),
       {"host", "my-header1", "my-header2", "x-amz-date"},
       "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nmy-header2:\"a b c\"\n"
       "x-amz-date:20150830T123600Z\n\nhost;my-header1;my-header2;x-amz-date\n" +
           std::string(kEmptyHash),
       suite_string_to_sign("a726db9b0df21c14f559d0a978e563112acb1b9e05476f0a6a1c7d68f28605c7"),
       "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"});
}

TEST(SigV4KnownAnswer, GetHeaderKeyDuplicate) {
  expect_known_answer(
      {suite_get("/", "",
                 {{"My-Header1", "value2"}, {"My-Header1", "value2"}, {"My-Header1", "value1"}}),
       {"host", "my-header1", "x-amz-date"},
       "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value2,value2,value1\n"
       "x-amz-date:20150830T123600Z\n\nhost;my-header1;x-amz-date\n" +
           std::string(kEmptyHash),
       suite_string_to_sign("dc7f04a3abfde8d472b0ab1a418b741b7c67174dad1551b4117b15527fbe966c"),
       "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea"});
}

TEST(SigV4KnownAnswer, SignedHeaderNamesAreLowerCasedAndSorted) {
  EXPECT_EQ(canonical_request(suite_get("/", ""), {"X-Amz-Date", "Host"}),
            canonical_request(suite_get("/", ""), {"host", "x-amz-date"}));
}

// The suite's normalize-path and URI vectors (get-slashes, get-relative-relative, get-utf8, ...).
TEST(SigV4KnownAnswer, CanonicalUri) {
  EXPECT_EQ(canonical_uri(""), "/");
  EXPECT_EQ(canonical_uri("/"), "/");
  EXPECT_EQ(canonical_uri("//example//"), "/example/");
  EXPECT_EQ(canonical_uri("/example/.."), "/");
  EXPECT_EQ(canonical_uri("/example1/example2/../.."), "/");
  EXPECT_EQ(canonical_uri("/./"), "/");
  EXPECT_EQ(canonical_uri("/./example"), "/example");
  EXPECT_EQ(canonical_uri("/.."), "/");
  EXPECT_EQ(canonical_uri("/\xE1\x88\xB4"), "/%E1%88%B4");
  const std::string unreserved =
      "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  EXPECT_EQ(canonical_uri(unreserved), unreserved);
  // Paths are taken as sent: an encoded byte is encoded once more, as non-S3 services expect.
  EXPECT_EQ(canonical_uri("/a%20b/c:d"), "/a%2520b/c%3Ad");
}

TEST(SigV4KnownAnswer, CanonicalQuery) {
  EXPECT_EQ(canonical_query(""), "");
  EXPECT_EQ(canonical_query("Param1=value2&Param1=Value1"), "Param1=Value1&Param1=value2");
  EXPECT_EQ(canonical_query("b=2&a&&c="), "a=&b=2&c=");
  EXPECT_EQ(canonical_query("k=a+b%20c%2Bd/e~"), "k=a%20b%20c%2Bd%2Fe~");
  EXPECT_EQ(canonical_query("k=%zz%4"), "k=%25zz%254");
  EXPECT_EQ(canonical_query("-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-"
                            "._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"),
            "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-"
            "._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
}

TEST(SigV4KnownAnswer, Sha256Hex) {
  EXPECT_EQ(sha256_hex(""), kEmptyHash);
  EXPECT_EQ(sha256_hex("Param1=value1"),
            "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e");
}

// ---------------------------------------------------------------------------------------------
// sign() on the suite's requests, before X-Amz-Date is set.

const std::string* header(const SignableRequest& request, const std::string& name) {
  const std::string* found = nullptr;
  int count = 0;
  for (const auto& [key, value] : request.headers) {
    if (key == name) {
      found = &value;
      ++count;
    }
  }
  return count == 1 ? found : nullptr;
}

std::string suite_authorization(const std::string& signed_headers, const std::string& signature) {
  return "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
         "SignedHeaders=" +
         signed_headers + ", Signature=" + signature;
}

TEST(SigV4Sign, GetVanilla) {
  SignableRequest request{"GET", "/", "", {{"Host", kSuiteHost}}, ""};
  sign(request, kSuiteKey, "us-east-1", "service", kSuiteDate);
  ASSERT_NE(header(request, "X-Amz-Date"), nullptr);
  EXPECT_EQ(*header(request, "X-Amz-Date"), kSuiteDate);
  EXPECT_EQ(header(request, "X-Amz-Security-Token"), nullptr);
  EXPECT_EQ(header(request, "X-Amz-Content-Sha256"), nullptr);
  ASSERT_NE(header(request, "Authorization"), nullptr);
  EXPECT_EQ(
      *header(request, "Authorization"),
      suite_authorization("host;x-amz-date",
                          "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));
}

TEST(SigV4Sign, PostXWwwFormUrlencodedSignsContentTypeButNotOtherHeaders) {
  SignableRequest request{"POST",
                          "/",
                          "",
                          {{"Content-Type", "application/x-www-form-urlencoded"},
                           {"Host", kSuiteHost},
                           {"User-Agent", "test"},
                           {"Content-Length", "13"}},
                          "Param1=value1"};
  sign(request, kSuiteKey, "us-east-1", "service", kSuiteDate);
  ASSERT_NE(header(request, "Authorization"), nullptr);
  EXPECT_EQ(
      *header(request, "Authorization"),
      suite_authorization("content-type;host;x-amz-date",
                          "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"));
}

// The suite's post-sts-header-before: the session token is added, then signed.
TEST(SigV4Sign, PostStsHeaderBefore) {
  const SigningKey key{
      "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
      "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpS"
      "PfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQ"
      "DYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+s"
      "cqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA=="};
  SignableRequest request{"POST", "/", "", {{"Host", kSuiteHost}}, ""};
  sign(request, key, "us-east-1", "service", kSuiteDate);
  ASSERT_NE(header(request, "X-Amz-Security-Token"), nullptr);
  EXPECT_EQ(*header(request, "X-Amz-Security-Token"), key.session_token);
  EXPECT_EQ(sha256_hex(canonical_request(request, {"host", "x-amz-date", "x-amz-security-token"})),
            "c237e1b440d4c63c32ca95b5b99481081cb7b13c7e40434868e71567c1a882f6");
  ASSERT_NE(header(request, "Authorization"), nullptr);
  EXPECT_EQ(
      *header(request, "Authorization"),
      suite_authorization("host;x-amz-date;x-amz-security-token",
                          "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead"));
}

TEST(SigV4Sign, ResigningReplacesTheOldSignatureDateAndToken) {
  SignableRequest request{"GET",
                          "/",
                          "",
                          {{"authorization", "AWS4-HMAC-SHA256 Credential=old"},
                           {"Host", kSuiteHost},
                           {"x-amz-date", "20990101T000000Z"},
                           {"X-AMZ-SECURITY-TOKEN", "someone else's"}},
                          ""};
  sign(request, kSuiteKey, "us-east-1", "service", kSuiteDate);
  EXPECT_EQ(request.headers.size(), 3u);  // Host, X-Amz-Date, Authorization
  ASSERT_NE(header(request, "Authorization"), nullptr);
  EXPECT_EQ(
      *header(request, "Authorization"),
      suite_authorization("host;x-amz-date",
                          "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));
}

TEST(SigV4Sign, PayloadHashHeaderOnRequest) {
  SignableRequest request{
      "POST", "/", "", {{"Host", kSuiteHost}, {"X-Amz-Content-Sha256", "x"}}, "Param1=value1"};
  sign(request, kSuiteKey, "us-east-1", "service", kSuiteDate, PayloadHashHeader::kAdd);
  ASSERT_NE(header(request, "X-Amz-Content-Sha256"), nullptr);
  EXPECT_EQ(*header(request, "X-Amz-Content-Sha256"), sha256_hex("Param1=value1"));
  ASSERT_NE(header(request, "Authorization"), nullptr);
  auto parsed = parse_authorization(*header(request, "Authorization"));
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->signed_headers,
            (std::vector<std::string>{"host", "x-amz-content-sha256", "x-amz-date"}));
  EXPECT_TRUE(verify(request, *parsed, kSuiteKey.secret_access_key));
}

TEST(SigV4Sign, RejectsMissingHostAndMalformedDates) {
  SignableRequest no_host{"GET", "/", "", {{"X-Amz-Target", "x"}}, ""};
  EXPECT_THROW(sign(no_host, kSuiteKey, "us-east-1", "service", kSuiteDate), std::invalid_argument);
  for (const std::string date : {"", "20150830", "20150830T123600", "2015083OT123600Z",
                                 "20150830 123600Z", "20150830T123600Z0"}) {
    SCOPED_TRACE(date);
    SignableRequest request{"GET", "/", "", {{"Host", kSuiteHost}}, ""};
    EXPECT_THROW(sign(request, kSuiteKey, "us-east-1", "service", date), std::invalid_argument);
  }
}

// ---------------------------------------------------------------------------------------------
// botocore 1.43.11's SigV4Auth on Cloud Control requests (eu-west-3, cloudcontrolapi, clock pinned
// to 20261127T093000Z). Produced by tests/unit/protocol/sigv4_botocore_vectors.py, which prints
// these initializers; re-run it to regenerate. `path` and `query` are as botocore sent them;
// `headers` are those before signing (botocore derives Host from the URL).

constexpr char kBotocoreDate[] = "20261127T093000Z";

struct BotocoreVector {
  std::string name;
  SigningKey key;
  std::string path, query, host;
  Headers headers;
  std::string body;
  std::string authorization;
};

const std::vector<BotocoreVector>& botocore_vectors() {
  static const std::vector<BotocoreVector> vectors = {
      // clang-format off
    {"CreateResource",
     {"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", ""},
     "/", "", "cloudcontrolapi.eu-west-3.amazonaws.com",
     {{"Content-Type", "application/x-amz-json-1.0"}, {"X-Amz-Target", "CloudApiService.CreateResource"}, {"User-Agent", "aws-cli/2.15.0 md/Botocore"}},
     "{\"TypeName\": \"AWS::AppFlow::ConnectorProfile\", \"DesiredState\": \"{\\\"ConnectorProfileName\\\":\\\"my profile\\\"}\", \"ClientToken\": \"0d2f6a7e-3c1b-4f7e-9a1d-2b8c5e6f7a90\"}",
     "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261127/eu-west-3/cloudcontrolapi/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=eedab7ba3d3403f30649fdcbffc4d61ccc83d3992d19c1219ecc2e5d5c7e3f64"},
    {"GetResourceWithSessionToken",
     {"ASIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCWV1LXdlc3QtMyJHMEUCIQD+example/token=="},
     "/", "", "cloudcontrolapi.eu-west-3.amazonaws.com",
     {{"Content-Type", "application/x-amz-json-1.0"}, {"X-Amz-Target", "CloudApiService.GetResource"}, {"User-Agent", "aws-cli/2.15.0 md/Botocore"}},
     "{\"TypeName\": \"AWS::AppFlow::ConnectorProfile\", \"Identifier\": \"my profile\"}",
     "AWS4-HMAC-SHA256 Credential=ASIAIOSFODNN7EXAMPLE/20261127/eu-west-3/cloudcontrolapi/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=3b075042de517e590f48dce3088b3a48cc41228f8dc4007ad9d3b4a3c24e2ae3"},
    {"CreateResourceWithQuery",
     {"111122223333", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", ""},
     "/", "Action=CreateResource&Version=2021-09-30", "cloudcontrolapi.eu-west-3.amazonaws.com",
     {{"Content-Type", "application/x-amz-json-1.0"}, {"X-Amz-Target", "CloudApiService.CreateResource"}, {"User-Agent", "aws-cli/2.15.0 md/Botocore"}},
     "{\"TypeName\": \"AWS::Logs::LogGroup\", \"DesiredState\": \"{}\"}",
     "AWS4-HMAC-SHA256 Credential=111122223333/20261127/eu-west-3/cloudcontrolapi/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=6e075046c6d7ade2b92ae3e971fb6f6c864330a5797ad00e1adbebd171b8f06a"},
    {"ListResourcesWithEncodedParams",
     {"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", ""},
     "/", "TypeName=AWS%3A%3AAppFlow%3A%3AConnectorProfile&Next+Token=a+b%2Fc%2Bd", "cloudcontrolapi.eu-west-3.amazonaws.com",
     {{"Content-Type", "application/x-amz-json-1.0"}, {"X-Amz-Target", "CloudApiService.ListResources"}, {"User-Agent", "aws-cli/2.15.0 md/Botocore"}},
     "{\"TypeName\": \"AWS::AppFlow::ConnectorProfile\"}",
     "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261127/eu-west-3/cloudcontrolapi/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=b31eda15b6181567046fdb7ed26bc1d1ab185702db975279450e892151a9e014"},
      // clang-format on
  };
  return vectors;
}

SignableRequest unsigned_request(const BotocoreVector& v) {
  SignableRequest request{"POST", v.path, v.query, v.headers, v.body};
  request.headers.emplace_back("Host", v.host);
  return request;
}

// The request as botocore sent it: its headers, then the ones it added.
SignableRequest botocore_request(const BotocoreVector& v) {
  SignableRequest request = unsigned_request(v);
  request.headers.emplace_back("X-Amz-Date", kBotocoreDate);
  if (!v.key.session_token.empty()) {
    request.headers.emplace_back("X-Amz-Security-Token", v.key.session_token);
  }
  request.headers.emplace_back("Authorization", v.authorization);
  return request;
}

TEST(SigV4Botocore, SignMatchesBotocore) {
  for (const auto& v : botocore_vectors()) {
    SCOPED_TRACE(v.name);
    SignableRequest request = unsigned_request(v);
    sign(request, v.key, "eu-west-3", "cloudcontrolapi", kBotocoreDate);
    ASSERT_NE(header(request, "Authorization"), nullptr);
    EXPECT_EQ(*header(request, "Authorization"), v.authorization);
  }
}

TEST(SigV4Botocore, VerifyAcceptsBotocoreRequests) {
  for (const auto& v : botocore_vectors()) {
    SCOPED_TRACE(v.name);
    auto parsed = parse_authorization(v.authorization);
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(parsed->access_key_id, v.key.access_key_id);
    EXPECT_EQ(parsed->date, "20261127");
    EXPECT_EQ(parsed->region, "eu-west-3");
    EXPECT_EQ(parsed->service, "cloudcontrolapi");
    EXPECT_TRUE(verify(botocore_request(v), *parsed, v.key.secret_access_key));
  }
}

// ---------------------------------------------------------------------------------------------
// verify() against tampering, on the CreateResource vector.

class SigV4Verify : public ::testing::Test {
 protected:
  const BotocoreVector& vector_ = botocore_vectors().front();
  SignableRequest request_ = botocore_request(vector_);
  ParsedAuthorization auth_ = *parse_authorization(vector_.authorization);
  const std::string& secret_ = vector_.key.secret_access_key;

  void set(const std::string& name, const std::string& value) {
    for (auto& [key, old] : request_.headers) {
      if (key == name) old = value;
    }
  }
};

TEST_F(SigV4Verify, AcceptsTheUntouchedRequest) { EXPECT_TRUE(verify(request_, auth_, secret_)); }

TEST_F(SigV4Verify, UnsignedHeadersMayChange) {
  set("User-Agent", "something else");
  request_.headers.emplace_back("X-Forwarded-For", "10.0.0.1");
  EXPECT_TRUE(verify(request_, auth_, secret_));
}

TEST_F(SigV4Verify, HeaderNamesAndValueSpacingMayChange) {
  for (auto& [key, value] : request_.headers) {
    if (key == "X-Amz-Target") {
      key = "x-amz-target";
      value = "  " + value + " ";
    }
  }
  EXPECT_TRUE(verify(request_, auth_, secret_));
}

TEST_F(SigV4Verify, RejectsAChangedBody) {
  request_.body += " ";
  EXPECT_FALSE(verify(request_, auth_, secret_));
}

TEST_F(SigV4Verify, RejectsAChangedSignedHeader) {
  set("X-Amz-Target", "CloudApiService.DeleteResource");
  EXPECT_FALSE(verify(request_, auth_, secret_));
}

TEST_F(SigV4Verify, RejectsAChangedPathQueryOrMethod) {
  SignableRequest changed = request_;
  changed.path = "/x";
  EXPECT_FALSE(verify(changed, auth_, secret_));
  changed = request_;
  changed.query = "a=b";
  EXPECT_FALSE(verify(changed, auth_, secret_));
  changed = request_;
  changed.method = "PUT";
  EXPECT_FALSE(verify(changed, auth_, secret_));
}

TEST_F(SigV4Verify, RejectsTheWrongSecretOrScope) {
  EXPECT_FALSE(verify(request_, auth_, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEZ"));
  ParsedAuthorization other = auth_;
  other.region = "eu-west-1";
  EXPECT_FALSE(verify(request_, other, secret_));
  other = auth_;
  other.service = "s3";
  EXPECT_FALSE(verify(request_, other, secret_));
}

TEST_F(SigV4Verify, RejectsAFlippedSignatureDigit) {
  auth_.signature[63] = auth_.signature[63] == '0' ? '1' : '0';
  EXPECT_FALSE(verify(request_, auth_, secret_));
}

TEST_F(SigV4Verify, RejectsADateOutsideTheScope) {
  set("X-Amz-Date", "20261128T093000Z");
  EXPECT_FALSE(verify(request_, auth_, secret_));
  ParsedAuthorization other = auth_;
  other.date = "20261128";
  EXPECT_FALSE(verify(request_, other, secret_));
}

TEST_F(SigV4Verify, RejectsAMissingSignedHeader) {
  std::erase_if(request_.headers, [](const auto& h) { return h.first == "X-Amz-Target"; });
  EXPECT_FALSE(verify(request_, auth_, secret_));
}

TEST_F(SigV4Verify, RequiresHostAndDateToBeSigned) {
  // Signed correctly, but over headers that leave Host (or X-Amz-Date) out.
  for (const std::string left_out : {"host", "x-amz-date"}) {
    SCOPED_TRACE(left_out);
    std::vector<std::string> names;
    for (const std::string name : {"content-type", "host", "x-amz-date", "x-amz-target"}) {
      if (name != left_out) names.push_back(name);
    }
    ParsedAuthorization other = auth_;
    other.signed_headers = names;
    other.signature = signature(secret_, "20261127", "eu-west-3", "cloudcontrolapi",
                                string_to_sign(kBotocoreDate, "eu-west-3", "cloudcontrolapi",
                                               canonical_request(request_, names)));
    EXPECT_FALSE(verify(request_, other, secret_));
  }
}

TEST_F(SigV4Verify, RejectsAPayloadHashHeaderThatIsNotTheBodys) {
  SignableRequest request = unsigned_request(vector_);
  request.headers.emplace_back("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD");
  sign(request, vector_.key, "eu-west-3", "cloudcontrolapi", kBotocoreDate);
  auto parsed = parse_authorization(*header(request, "Authorization"));
  ASSERT_TRUE(parsed.has_value());
  EXPECT_FALSE(verify(request, *parsed, secret_));
}

// ---------------------------------------------------------------------------------------------
// parse_authorization().

TEST(SigV4ParseAuthorization, ReadsEveryPart) {
  auto parsed = parse_authorization(suite_authorization(
      "host;x-amz-date", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->access_key_id, "AKIDEXAMPLE");
  EXPECT_EQ(parsed->date, "20150830");
  EXPECT_EQ(parsed->region, "us-east-1");
  EXPECT_EQ(parsed->service, "service");
  EXPECT_EQ(parsed->signed_headers, (std::vector<std::string>{"host", "x-amz-date"}));
  EXPECT_EQ(parsed->signature, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
}

TEST(SigV4ParseAuthorization, RoundTripsWhatSignWrites) {
  SignableRequest request{
      "POST", "/", "", {{"Host", "h"}, {"Content-Type", "a/b"}, {"X-Amz-Target", "T.Op"}}, "{}"};
  const SigningKey key{"111122223333", "secret", "token"};
  sign(request, key, "ap-south-1", "cloudcontrolapi", "20261127T093000Z");
  auto parsed = parse_authorization(*header(request, "Authorization"));
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->access_key_id, "111122223333");
  EXPECT_EQ(parsed->date, "20261127");
  EXPECT_EQ(parsed->region, "ap-south-1");
  EXPECT_EQ(parsed->service, "cloudcontrolapi");
  EXPECT_EQ(parsed->signed_headers,
            (std::vector<std::string>{"content-type", "host", "x-amz-date", "x-amz-security-token",
                                      "x-amz-target"}));
  EXPECT_TRUE(verify(request, *parsed, "secret"));
}

TEST(SigV4ParseAuthorization, AcceptsOtherSpacingAndOrder) {
  const std::string sig(64, 'a');
  for (const std::string& text :
       {"AWS4-HMAC-SHA256 Credential=K/20150830/r/s/aws4_request,SignedHeaders=host,Signature=" +
            sig,
        "  AWS4-HMAC-SHA256   Signature=" + sig +
            " , SignedHeaders=host ,Credential=K/20150830/r/s/aws4_request  "}) {
    SCOPED_TRACE(text);
    auto parsed = parse_authorization(text);
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(parsed->access_key_id, "K");
    EXPECT_EQ(parsed->signed_headers, (std::vector<std::string>{"host"}));
    EXPECT_EQ(parsed->signature, sig);
  }
}

TEST(SigV4ParseAuthorization, RejectsMalformedHeaders) {
  const std::string sig(64, 'a');
  const std::string cred = "Credential=AKID/20150830/us-east-1/service/aws4_request";
  const std::string sh = "SignedHeaders=host;x-amz-date";
  const std::string sg = "Signature=" + sig;
  auto make = [](const std::string& a, const std::string& b, const std::string& c) {
    return "AWS4-HMAC-SHA256 " + a + ", " + b + ", " + c;
  };
  for (const std::string& text : {
           std::string(""),
           std::string("AWS4-HMAC-SHA256"),
           std::string("AWS4-HMAC-SHA256 "),
           "AWS4-HMAC-SHA1 " + cred + ", " + sh + ", " + sg,
           "aws4-hmac-sha256 " + cred + ", " + sh + ", " + sg,
           "AWS4-HMAC-SHA256" + cred + ", " + sh + ", " + sg,
           "Bearer " + sig,
           // missing, repeated, unknown or empty components
           "AWS4-HMAC-SHA256 " + cred + ", " + sh,
           "AWS4-HMAC-SHA256 " + sh + ", " + sg,
           "AWS4-HMAC-SHA256 " + cred + ", " + sg,
           make(cred, sh, sg) + ", " + sg,
           make(cred, sh, sg) + ", Extra=1",
           make(cred, sh, sg) + ",",
           make(cred, sh, sg) + ", ",
           "AWS4-HMAC-SHA256 , " + cred + ", " + sh + ", " + sg,
           make(cred, "SignedHeaders", sg),
           make("credential=AKID/20150830/us-east-1/service/aws4_request", sh, sg),
           make(cred, sh, sg).replace(make(cred, sh, sg).find(", "), 2, " "),  // no comma
           // bad credential scopes
           make("Credential=", sh, sg),
           make("Credential=AKID/20150830/us-east-1/service", sh, sg),
           make("Credential=AKID/20150830/us-east-1/service/aws4_request/x", sh, sg),
           make("Credential=AKID/20150830/us-east-1/service/aws4_requesT", sh, sg),
           make("Credential=/20150830/us-east-1/service/aws4_request", sh, sg),
           make("Credential=AKID/2015083/us-east-1/service/aws4_request", sh, sg),
           make("Credential=AKID/2015083a/us-east-1/service/aws4_request", sh, sg),
           make("Credential=AKID/20150830//service/aws4_request", sh, sg),
           make("Credential=AKID/20150830/us-east-1//aws4_request", sh, sg),
           make("Credential=AK ID/20150830/us-east-1/service/aws4_request", sh, sg),
           // bad signed header lists
           make(cred, "SignedHeaders=", sg),
           make(cred, "SignedHeaders=host;", sg),
           make(cred, "SignedHeaders=;host", sg),
           make(cred, "SignedHeaders=host;;x-amz-date", sg),
           make(cred, "SignedHeaders=Host;x-amz-date", sg),
           make(cred, "SignedHeaders=host x-amz-date", sg),
           // bad signatures
           make(cred, sh, "Signature="),
           make(cred, sh, "Signature=" + std::string(63, 'a')),
           make(cred, sh, "Signature=" + std::string(65, 'a')),
           make(cred, sh, "Signature=" + std::string(64, 'A')),
           make(cred, sh, "Signature=" + std::string(63, 'a') + "g"),
       }) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(parse_authorization(text).has_value());
  }
  EXPECT_TRUE(parse_authorization(make(cred, sh, sg)).has_value());
}

}  // namespace
}  // namespace ccemu::protocol
