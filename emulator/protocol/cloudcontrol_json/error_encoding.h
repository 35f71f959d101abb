// The one place an ErrorCode becomes an HTTP status and an awsJson1_0 error body (spec §1.4-1.5).
#pragma once

#include <string>

#include "common/api_error.h"

namespace ccemu::protocol::cloudcontrol_json {

// Statuses from AWS's Smithy model (spec §1.5); out-of-model errors as AWS JSON services send them.
int http_status(ErrorCode code);

// {"__type":"com.amazonaws.cloudcontrol#<Name>","Message":"..."}; the message is cut to the
// model's 2048-character limit.
std::string error_body(ErrorCode code, const std::string& message);

}  // namespace ccemu::protocol::cloudcontrol_json
