#include "config.h"

#include <getopt.h>

#include <regex>
#include <set>

namespace ccemu {
namespace {

constexpr const char* kUsage = R"(Usage: ccemu [options]

An offline AWS Cloud Control API endpoint.

  --host HOST            address to listen on (default 127.0.0.1)
  --port PORT            port to listen on; 0 picks a free one (default 4566)
  --schema-dir DIR       folder of CloudFormation registry schemas (*.json) to serve
                         (default: the shipped schema/ folder)
  --region REGION        region for requests whose signature names none (default us-east-1)
  --account ID           account for access keys that are not 12 digits (default 123456789012)
  --progress MODE        how long requests stay IN_PROGRESS: "immediate" (default: the first
                         status poll returns the outcome), polls=N or ms=N
  --validation LEVEL     "service" (default): schema plus the service API's own rules;
                         "schema": the resource schema only
  --seed N               reproducible request tokens, ids and clock (starts 2026-01-01T00:00:00Z)
  --log-level LEVEL      error, warn (default), info or debug; info and debug log every request
  --help                 show this text
)";

ParsedCommandLine failure(const std::string& message) {
  return {std::nullopt, 2, "ccemu: " + message + "\nTry 'ccemu --help'.\n"};
}

std::optional<int64_t> number(const std::string& text, int64_t max) {
  if (text.empty() || text.size() > 18 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  int64_t value = std::stoll(text);
  return value <= max ? std::optional(value) : std::nullopt;
}

}  // namespace

ParsedCommandLine parse_command_line(int argc, char** argv,
                                     const std::filesystem::path& default_schema_dir) {
  enum Flag {
    kHost = 1,
    kPort,
    kSchemaDir,
    kRegion,
    kAccount,
    kProgress,
    kValidation,
    kSeed,
    kLogLevel,
    kHelp
  };
  static const option kOptions[] = {
      {"host", required_argument, nullptr, kHost},
      {"port", required_argument, nullptr, kPort},
      {"schema-dir", required_argument, nullptr, kSchemaDir},
      {"region", required_argument, nullptr, kRegion},
      {"account", required_argument, nullptr, kAccount},
      {"progress", required_argument, nullptr, kProgress},
      {"validation", required_argument, nullptr, kValidation},
      {"seed", required_argument, nullptr, kSeed},
      {"log-level", required_argument, nullptr, kLogLevel},
      {"help", no_argument, nullptr, kHelp},
      {nullptr, 0, nullptr, 0},
  };
  Config config;
  config.schema_dir = default_schema_dir;
  opterr = 0;
  optind = 1;
  int flag;
  while ((flag = getopt_long(argc, argv, "", kOptions, nullptr)) != -1) {
    const std::string value = optarg ? optarg : "";
    switch (flag) {
      case kHost:
        config.host = value;
        break;
      case kPort: {
        auto port = number(value, 65535);
        if (!port) return failure("--port takes a number from 0 to 65535, not '" + value + "'");
        config.port = static_cast<int>(*port);
        break;
      }
      case kSchemaDir:
        config.schema_dir = value;
        break;
      case kRegion:
        if (!std::regex_match(value, std::regex("[a-z]{2}(-[a-z]+)+-[0-9]+"))) {
          return failure("--region takes a region name such as us-east-1, not '" + value + "'");
        }
        config.region = value;
        break;
      case kAccount:
        if (!std::regex_match(value, std::regex("[0-9]{12}"))) {
          return failure("--account takes a 12-digit account id, not '" + value + "'");
        }
        config.account = value;
        break;
      case kProgress: {
        using Mode = cloudcontrol::Lifecycle::Mode;
        auto& lifecycle = config.service.lifecycle;
        std::optional<int64_t> amount;
        if (value == "immediate") {
          lifecycle = {Mode::kImmediate, 0};
        } else if (value.starts_with("polls=") && (amount = number(value.substr(6), 1000000))) {
          lifecycle = {Mode::kPolls, *amount};
        } else if (value.starts_with("ms=") && (amount = number(value.substr(3), 86400000))) {
          lifecycle = {Mode::kMilliseconds, *amount};
        } else {
          return failure("--progress takes immediate, polls=N or ms=N, not '" + value + "'");
        }
        break;
      }
      case kValidation:
        if (value == "schema")
          config.service.validation = cloudcontrol::ValidationLevel::kSchema;
        else if (value == "service")
          config.service.validation = cloudcontrol::ValidationLevel::kService;
        else
          return failure("--validation takes schema or service, not '" + value + "'");
        break;
      case kSeed: {
        auto seed = number(value, INT64_MAX);
        if (!seed) return failure("--seed takes a non-negative number, not '" + value + "'");
        config.seed = static_cast<uint64_t>(*seed);
        break;
      }
      case kLogLevel:
        if (!std::set<std::string>{"error", "warn", "info", "debug"}.contains(value)) {
          return failure("--log-level takes error, warn, info or debug, not '" + value + "'");
        }
        config.log_level = value;
        break;
      case kHelp:
        return {std::nullopt, 0, kUsage};
      default:
        return failure("unknown or incomplete option '" + std::string(argv[optind - 1]) + "'");
    }
  }
  if (optind < argc) return failure("unexpected argument '" + std::string(argv[optind]) + "'");
  return {config, 0, ""};
}

}  // namespace ccemu
