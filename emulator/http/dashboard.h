// The dashboard (README "Dashboard"): GET /_ccemu/ui serves its page, /_ccemu/ui/<file> its
// scripts and styles, all from the binary (dashboard_assets.h); GET /_ccemu/ redirects to it.
// The page reads and changes ccemu only through the admin API, so it sees what scripts see:
// never a write-only value.
#pragma once

#include <httplib.h>

namespace ccemu::http {

void register_dashboard_routes(httplib::Server& server);

}  // namespace ccemu::http
