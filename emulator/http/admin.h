// The admin API under /_ccemu/: plain JSON, never reached by a Cloud Control client because
// Cloud Control only ever uses "POST /".
#pragma once

#include <httplib.h>

#include <string>
#include <vector>

#include "cloudcontrol/service.h"

namespace ccemu::http {

struct AdminInfo {
  std::string version;
  std::vector<std::string> types;
};

// Adds GET /_ccemu/health and POST /_ccemu/reset to `server`.
void register_admin_routes(httplib::Server& server, cloudcontrol::CloudControlService& service,
                           AdminInfo info);

}  // namespace ccemu::http
