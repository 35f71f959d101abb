// The native AppFlow API's wire protocol, restJson1: operations by method and path
// ("POST /create-connector-profile", "GET /tags/{resourceArn}"), camelCase JSON bodies, errors as
// the model's status with x-amzn-ErrorType: <Name> and {"message": ...}.
#pragma once

#include "protocol/wire_protocol.h"

namespace ccemu::protocol::appflow_rest {

const WireProtocol& wire();

}  // namespace ccemu::protocol::appflow_rest
