// Caller identity from the SigV4 credential scope (spec §1.2, protocol/caller_identity.h).
#include "protocol/caller_identity.h"

#include <gtest/gtest.h>

#include <string>

#include "common/api_error.h"

namespace ccemu::protocol {
namespace {

std::string authorization(const std::string& scope) {
  return "AWS4-HMAC-SHA256 Credential=" + scope +
         ", SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" +
         std::string(64, 'a');
}

std::string scope(const std::string& access_key, const std::string& region,
                  const std::string& service = "cloudcontrolapi") {
  return access_key + "/20261127/" + region + "/" + service + "/aws4_request";
}

// The ApiError caller_from_authorization throws, as "<error name>: <message>".
std::string failure(const std::string& header) {
  try {
    caller_from_authorization(header, IdentityDefaults{});
  } catch (const ApiError& e) {
    return std::string(error_name(e.code())) + ": " + e.what();
  }
  return "no error";
}

TEST(CallerIdentity, NoAuthorizationHeaderUsesTheDefaults) {
  const cloudcontrol::Caller caller = caller_from_authorization("", IdentityDefaults{});
  EXPECT_EQ(caller.account, "123456789012");
  EXPECT_EQ(caller.region, "us-east-1");
}

TEST(CallerIdentity, ConfiguredDefaultsApplyWithoutAHeader) {
  const cloudcontrol::Caller caller = caller_from_authorization(
      "", IdentityDefaults{.account = "999988887777", .region = "ap-south-1"});
  EXPECT_EQ(caller.account, "999988887777");
  EXPECT_EQ(caller.region, "ap-south-1");
}

TEST(CallerIdentity, HeaderWithoutCredentialUsesTheDefaults) {
  const cloudcontrol::Caller caller =
      caller_from_authorization("Bearer abcdef", IdentityDefaults{});
  EXPECT_EQ(caller.account, "123456789012");
  EXPECT_EQ(caller.region, "us-east-1");
}

TEST(CallerIdentity, RegionComesFromTheCredentialScope) {
  const cloudcontrol::Caller caller = caller_from_authorization(
      authorization(scope("AKIDEXAMPLE", "eu-west-3")), IdentityDefaults{});
  EXPECT_EQ(caller.region, "eu-west-3");
  EXPECT_EQ(caller.account, "123456789012");
}

TEST(CallerIdentity, TwelveDigitAccessKeyIsTheAccount) {
  const cloudcontrol::Caller caller = caller_from_authorization(
      authorization(scope("111122223333", "us-west-2")), IdentityDefaults{});
  EXPECT_EQ(caller.account, "111122223333");
  EXPECT_EQ(caller.region, "us-west-2");
}

TEST(CallerIdentity, OtherAccessKeysGiveTheDefaultAccount) {
  for (const std::string key :
       {"11112222333", "1111222233334", "11112222333a", "AKIAIOSFODNN7EXAMPLE", ""}) {
    SCOPED_TRACE(key);
    const cloudcontrol::Caller caller =
        caller_from_authorization(authorization(scope(key, "us-east-2")), IdentityDefaults{});
    EXPECT_EQ(caller.account, "123456789012");
    EXPECT_EQ(caller.region, "us-east-2");
  }
}

TEST(CallerIdentity, SpacesAroundTheScopeAreTrimmed) {
  const cloudcontrol::Caller caller = caller_from_authorization(
      "AWS4-HMAC-SHA256 Credential= 111122223333/20261127/eu-north-1/cloudcontrolapi/aws4_request "
      ",SignedHeaders=host, Signature=abc",
      IdentityDefaults{});
  EXPECT_EQ(caller.account, "111122223333");
  EXPECT_EQ(caller.region, "eu-north-1");
}

TEST(CallerIdentity, ScopeWithoutFollowingComponentsIsRead) {
  const cloudcontrol::Caller caller = caller_from_authorization(
      "AWS4-HMAC-SHA256 Credential=111122223333/20261127/sa-east-1/cloudcontrolapi/aws4_request",
      IdentityDefaults{});
  EXPECT_EQ(caller.account, "111122223333");
  EXPECT_EQ(caller.region, "sa-east-1");
}

TEST(CallerIdentity, RegionsOfEveryPartitionAreAccepted) {
  for (const std::string region : {"us-east-1", "ap-southeast-2", "eu-central-1", "us-gov-west-1",
                                   "cn-north-1", "us-iso-east-1", "il-central-1", "me-south-1"}) {
    SCOPED_TRACE(region);
    EXPECT_EQ(
        caller_from_authorization(authorization(scope("AKID", region)), IdentityDefaults{}).region,
        region);
  }
}

TEST(CallerIdentity, MalformedRegionIsInvalidSignature) {
  for (const std::string region :
       {"moon", "US-EAST-1", "us-east", "useast1", "us_east_1", "", "us-east-1x"}) {
    SCOPED_TRACE(region);
    EXPECT_EQ(failure(authorization(scope("AKID", region))),
              "InvalidSignatureException: Credential should be scoped to a valid region, not '" +
                  region + "'.");
  }
}

TEST(CallerIdentity, OverlongRegionIsInvalidSignature) {
  const std::string region = "us-" + std::string(100000, 'a') + "-1";
  EXPECT_EQ(failure(authorization(scope("AKID", region))),
            "InvalidSignatureException: Credential should be scoped to a valid region, not '" +
                region + "'.");
}

TEST(CallerIdentity, OtherServiceIsInvalidSignature) {
  EXPECT_EQ(failure(authorization(scope("AKID", "us-east-1", "s3"))),
            "InvalidSignatureException: Credential should be scoped to correct service: "
            "'cloudcontrolapi'.");
}

TEST(CallerIdentity, RegionIsCheckedBeforeService) {
  EXPECT_EQ(
      failure(authorization(scope("AKID", "moon", "s3"))),
      "InvalidSignatureException: Credential should be scoped to a valid region, not 'moon'.");
}

TEST(CallerIdentity, ScopeWithTooFewPartsIsInvalidSignature) {
  EXPECT_EQ(failure(authorization("AKID/20261127/us-east-1")),
            "InvalidSignatureException: Authorization header requires a Credential of the form "
            "<access key>/<date>/<region>/cloudcontrolapi/aws4_request; got "
            "'AKID/20261127/us-east-1'.");
}

TEST(CallerIdentity, ScopeWithTooManyPartsIsInvalidSignature) {
  EXPECT_EQ(failure(authorization("AKID/20261127/us-east-1/cloudcontrolapi/aws4_request/x")),
            "InvalidSignatureException: Authorization header requires a Credential of the form "
            "<access key>/<date>/<region>/cloudcontrolapi/aws4_request; got "
            "'AKID/20261127/us-east-1/cloudcontrolapi/aws4_request/x'.");
}

TEST(CallerIdentity, TwoCredentialsAreInvalidSignature) {
  // Two Authorization headers reach the protocol layer joined with ", ".
  EXPECT_EQ(failure(authorization(scope("AKID", "us-east-1")) + ", " +
                    authorization(scope("111122223333", "eu-west-3"))),
            "InvalidSignatureException: Authorization header must carry exactly one Credential.");
}

}  // namespace
}  // namespace ccemu::protocol
