#include "startup/admin_info.h"

#include "startup/registry_bundle_summary.h"
#include "startup/shipped_schema.h"

namespace ccemu {
namespace {

std::string describe(const cloudcontrol::Lifecycle& lifecycle) {
  using Mode = cloudcontrol::Lifecycle::Mode;
  switch (lifecycle.mode) {
    case Mode::kPolls:
      return "polls=" + std::to_string(lifecycle.amount);
    case Mode::kMilliseconds:
      return "ms=" + std::to_string(lifecycle.amount);
    case Mode::kImmediate:
      break;
  }
  return "immediate";
}

nlohmann::json path_or_null(const std::filesystem::path& path) {
  return path.empty() ? nlohmann::json(nullptr) : nlohmann::json(path.string());
}

}  // namespace

http::AdminInfo admin_info(const Config& config, const resources::TypeRegistry& types,
                           std::string version, std::filesystem::path checkout_schema_dir) {
  const fixtures::FixtureOptions& fixtures = config.fixtures;
  nlohmann::json flags = {
      {"progress", describe(config.service.lifecycle)},
      {"validation",
       config.service.validation == cloudcontrol::ValidationLevel::kSchema ? "schema" : "service"},
      {"verify_sigv4", config.verify_sigv4},
      {"record", path_or_null(fixtures.record_file)},
      {"replay", path_or_null(fixtures.replay_file)},
      {"replay_fallthrough", fixtures.replay_fallthrough},
      {"upstream", fixtures.upstream_url.empty() ? nlohmann::json(nullptr)
                                                 : nlohmann::json(fixtures.upstream_url)},
      {"state_file", path_or_null(config.state_file)},
      {"seed", config.seed ? nlohmann::json(*config.seed) : nlohmann::json(nullptr)},
      {"tls_cert", path_or_null(config.tls_cert)},
  };
  http::AdminInfo info;
  info.version = std::move(version);
  info.types = types.type_names();
  info.registry = [checkout_schema_dir = std::move(checkout_schema_dir)] {
    return describe_registry_bundle(find_shipped_schema_dir(
        shipped_schema_candidates(current_executable(), checkout_schema_dir)));
  };
  info.flags = std::move(flags);
  info.default_account = config.account;
  info.default_region = config.region;
  info.type_registry = &types;
  return info;
}

}  // namespace ccemu
