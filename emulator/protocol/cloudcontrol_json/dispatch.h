// The operation table: X-Amz-Target operation name -> decode, call, encode.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "cloudcontrol/service.h"

namespace ccemu::protocol::cloudcontrol_json {

// Calls the operation with the decoded request body; returns the response body, JSON text.
using OperationHandler = std::function<std::string(
    cloudcontrol::CloudControlService&, const cloudcontrol::Caller&, const nlohmann::json&)>;

// The handler of a "CloudApiService.<name>" operation, or nullptr for an unknown name.
const OperationHandler* find_operation(const std::string& name);

}  // namespace ccemu::protocol::cloudcontrol_json
