// The Cloud Control API's wire protocol, awsJson1_0 (spec §1): "POST /" with
// X-Amz-Target: CloudApiService.<Operation>, errors as {"__type": ..., "Message": ...}.
#pragma once

#include "protocol/wire_protocol.h"

namespace ccemu::protocol::cloudcontrol_json {

const WireProtocol& wire();

}  // namespace ccemu::protocol::cloudcontrol_json
