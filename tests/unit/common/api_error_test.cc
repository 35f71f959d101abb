// Error names (common/api_error.h) and their parsing.
#include "common/api_error.h"

#include <gtest/gtest.h>

namespace ccemu {
namespace {

TEST(ErrorName, ParsesEveryModeledName) {
  EXPECT_EQ(parse_error_name("ThrottlingException"), ErrorCode::kThrottling);
  EXPECT_EQ(parse_error_name("ServiceInternalErrorException"), ErrorCode::kServiceInternalError);
  EXPECT_EQ(parse_error_name("AlreadyExistsException"), ErrorCode::kAlreadyExists);
  EXPECT_EQ(parse_error_name("UnsupportedActionException"), ErrorCode::kUnsupportedAction);
  EXPECT_EQ(parse_error_name("InternalFailure"), ErrorCode::kInternalFailure);
  EXPECT_EQ(parse_error_name("UnrecognizedClientException"), ErrorCode::kUnrecognizedClient);
}

TEST(ErrorName, SharedNameParsesToTheFirstCode) {
  EXPECT_EQ(parse_error_name("InvalidSignatureException"), ErrorCode::kInvalidSignature);
}

TEST(ErrorName, UnknownNames) {
  EXPECT_FALSE(parse_error_name("Throttling"));
  EXPECT_FALSE(parse_error_name(""));
  EXPECT_FALSE(parse_error_name("throttlingexception"));
}

TEST(ErrorName, EveryCodeRoundTrips) {
  for (int i = 0; i <= static_cast<int>(ErrorCode::kIncompleteSignature); ++i) {
    const auto code = static_cast<ErrorCode>(i);
    if (code == ErrorCode::kSignatureDoesNotMatch) continue;  // shares kInvalidSignature's name
    EXPECT_EQ(parse_error_name(error_name(code)), code) << error_name(code);
  }
}

}  // namespace
}  // namespace ccemu
