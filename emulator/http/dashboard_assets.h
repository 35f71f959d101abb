// The dashboard's files (emulator/dashboard/assets), compiled into the binary by
// emulator/dashboard/embed_assets.cmake.
#pragma once

#include <span>
#include <string_view>

namespace ccemu::http {

struct DashboardAsset {
  std::string_view name;  // "app.js"
  std::string_view content_type;
  std::string_view body;
};

std::span<const DashboardAsset> dashboard_assets();

}  // namespace ccemu::http
