// The AppFlow operations ccemu serves, over the shared core (CloudControlService's immediate
// operations on AWS::AppFlow::ConnectorProfile): input members in, the answer's JSON text out.
// Shapes are converted by shape_mapping.h; errors are thrown as ApiError in AppFlow's terms.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "cloudcontrol/service.h"

namespace ccemu::protocol::appflow_rest {

// Runs `operation` (one routes.h marks served) after check_members() has passed.
std::string run_operation(cloudcontrol::CloudControlService& service,
                          const cloudcontrol::Caller& caller, const std::string& operation,
                          const nlohmann::json& input);

}  // namespace ccemu::protocol::appflow_rest
