#include "protocol/appflow_rest/routes.h"

#include <algorithm>

namespace ccemu::protocol::appflow_rest {
namespace {

constexpr std::string_view kTagsPrefix = "/tags/";

}  // namespace

const std::vector<Route>& routes() {
  static const std::vector<Route> kRoutes = {
      {"CancelFlowExecutions", "POST", "/cancel-flow-executions"},
      {"CreateConnectorProfile", "POST", "/create-connector-profile"},
      {"CreateFlow", "POST", "/create-flow"},
      {"DeleteConnectorProfile", "POST", "/delete-connector-profile"},
      {"DeleteFlow", "POST", "/delete-flow"},
      {"DescribeConnector", "POST", "/describe-connector"},
      {"DescribeConnectorEntity", "POST", "/describe-connector-entity"},
      {"DescribeConnectorProfiles", "POST", "/describe-connector-profiles"},
      {"DescribeConnectors", "POST", "/describe-connectors"},
      {"DescribeFlow", "POST", "/describe-flow"},
      {"DescribeFlowExecutionRecords", "POST", "/describe-flow-execution-records"},
      {"ListConnectorEntities", "POST", "/list-connector-entities"},
      {"ListConnectors", "POST", "/list-connectors"},
      {"ListFlows", "POST", "/list-flows"},
      {"ListTagsForResource", "GET", kTagsPrefix},
      {"RegisterConnector", "POST", "/register-connector"},
      {"ResetConnectorMetadataCache", "POST", "/reset-connector-metadata-cache"},
      {"StartFlow", "POST", "/start-flow"},
      {"StopFlow", "POST", "/stop-flow"},
      {"TagResource", "POST", kTagsPrefix},
      {"UnregisterConnector", "POST", "/unregister-connector"},
      {"UntagResource", "DELETE", kTagsPrefix},
      {"UpdateConnectorProfile", "POST", "/update-connector-profile"},
      {"UpdateConnectorRegistration", "POST", "/update-connector-registration"},
      {"UpdateFlow", "POST", "/update-flow"},
  };
  return kRoutes;
}

const Route* find_route(std::string_view method, std::string_view path) {
  for (const Route& route : routes()) {
    if (route.method != method) continue;
    const bool tagged = route.path == kTagsPrefix;
    if (tagged ? path.starts_with(kTagsPrefix) && path.size() > kTagsPrefix.size()
               : path == route.path) {
      return &route;
    }
  }
  return nullptr;
}

bool served(std::string_view operation) {
  static const std::vector<std::string_view> kServed = {"CreateConnectorProfile",
                                                        "DescribeConnectorProfiles",
                                                        "UpdateConnectorProfile",
                                                        "DeleteConnectorProfile",
                                                        "TagResource",
                                                        "UntagResource",
                                                        "ListTagsForResource"};
  return std::find(kServed.begin(), kServed.end(), operation) != kServed.end();
}

}  // namespace ccemu::protocol::appflow_rest
