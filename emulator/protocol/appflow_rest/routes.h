// Every AppFlow API operation's HTTP binding (botocore appflow 2020-08-23), for routing: the
// operations ccemu serves and the ones it answers with UnknownOperationException in AppFlow's
// format.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ccemu::protocol::appflow_rest {

struct Route {
  std::string_view operation;  // "CreateConnectorProfile"
  std::string_view method;     // "POST"
  std::string_view path;       // "/create-connector-profile"; "/tags/" takes {resourceArn} after it
};

const std::vector<Route>& routes();

// The route a method and path (without query) take, if any.
const Route* find_route(std::string_view method, std::string_view path);

// Whether ccemu serves the operation (connector profiles and their tags).
bool served(std::string_view operation);

}  // namespace ccemu::protocol::appflow_rest
