// Schema failures of the stored CloudFormation model ("Model validation failed (#/A/B: text ...)")
// in the AppFlow API's terms: each pointer becomes the member path the caller sent
// ("connectorProfileConfig.connectorProfileProperties.Salesforce.instanceUrl"), in AWS's
// "N validation errors detected: ..." form. Credentials are sensitive members in AppFlow's model,
// so their values are not echoed.
#pragma once

#include <nlohmann/json.hpp>

#include "common/api_error.h"

namespace ccemu::protocol::appflow_rest {

// `error` translated when it is such a failure, else `error` itself. `input` is the request's
// members, to find the values to hide.
ApiError in_api_terms(const ApiError& error, const nlohmann::json& input);

}  // namespace ccemu::protocol::appflow_rest
