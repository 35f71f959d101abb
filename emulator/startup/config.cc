#include "startup/config.h"

#include <getopt.h>

#include <algorithm>
#include <regex>
#include <set>
#include <stdexcept>

#include "fixtures/upstream.h"

namespace ccemu {
namespace {

constexpr const char* kUsage = R"(Usage: ccemu [options]

An offline AWS Cloud Control API endpoint.

  --host HOST            address to listen on (default 127.0.0.1)
  --port PORT            port to listen on; 0 picks a free one (default 4566)
  --schema-dir DIR       folder of CloudFormation registry schemas (*.json) to serve beside the
                         shipped ones (found beside the executable: ../share/ccemu/schema, else
                         the source checkout's); repeatable; a type here wins over a shipped one
  --types PATTERNS       serve only the types matching one of these comma-separated patterns
                         ("AWS::AppFlow::*,AWS::S3::Bucket"); default: every type
  --strict-schemas       refuse to start when any schema cannot be served (default: report it
                         on stderr and serve the others)
  --region REGION        region for requests whose signature names none (default us-east-1)
  --account ID           account for access keys that are not 12 digits (default 123456789012)
  --progress MODE        how long requests stay IN_PROGRESS: "immediate" (default: the first
                         status poll returns the outcome), polls=N or ms=N
  --validation LEVEL     "service" (default): schema plus the service API's own rules;
                         "schema": the resource schema only
  --serve-non-provisionable
                         serve types whose schema declares no handlers (NON_PROVISIONABLE:
                         Cloud Control refuses them with UnsupportedActionException)
  --seed N               reproducible request tokens, ids and clock (starts 2026-01-01T00:00:00Z)
  --log-level LEVEL      error, warn (default), info or debug; info and debug log every request
                         (README "Access log"), debug also every state file write
  --record FILE          append every Cloud Control exchange to FILE, one JSON object a line,
                         without credentials or write-only values (README "Fixtures")
  --replay FILE          answer from a recording; an unmatched request gets 400
                         ReplayMismatchException naming the closest recorded request
  --replay-fallthrough   with --replay: answer unmatched requests from the simulation instead
  --upstream URL         forward every Cloud Control request to URL (http or https), signed
                         with AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN;
                         with --record, record its answers
  --upstream-ca FILE     PEM certificates to trust for an https --upstream (default: the system's)
  --state-file PATH      keep state across restarts: a snapshot in PATH and a journal beside it
                         (PATH.journal.N) that takes each change before it is answered; loaded
                         at start (none yet: empty), folded into PATH as it grows and on
                         SIGINT/SIGTERM; holds write-only values, mode 0600
                         (README "State and snapshots")
  --state-sync MODE      when journaled changes reach the disk: "batch" (default: within 100 ms;
                         a crash of ccemu alone loses nothing), "always" (before each answer;
                         concurrent writers share one sync) or "none" (left to the kernel)
  --faults FILE          fault injection rules (JSON) applied from the start
                         (README "Fault injection")
  --verify-sigv4         refuse requests whose SigV4 signature does not verify against
                         --credentials (README "Signature verification")
  --credentials FILE     JSON {"<access key id>": {"secret_access_key": "...",
                         "account_id": "<12 digits>"}}; the key's account owns the request
  --tls-cert FILE        serve HTTPS with this PEM certificate (with --tls-key);
                         scripts/make-cert makes a self-signed pair
  --tls-key FILE         the PEM private key of --tls-cert
  --request-timeout S    seconds a request's head and body may take to arrive (default 30)
  --allowed-host NAME    a name besides loopback and --host by which a browser may use the admin
                         API and the dashboard (e.g. a service alias); repeatable
                         (README "Dashboard")
  -h, --help             show this text
  --version              show the version and the registry bundle's snapshot
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

ParsedCommandLine parse_command_line(int argc, char** argv, const std::string& version) {
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
    kRecord,
    kReplay,
    kReplayFallthrough,
    kUpstream,
    kUpstreamCa,
    kStateFile,
    kStateSync,
    kFaults,
    kVerifySigv4,
    kCredentials,
    kTlsCert,
    kTlsKey,
    kRequestTimeout,
    kTypes,
    kStrictSchemas,
    kServeNonProvisionable,
    kAllowedHost,
    kHelp = 'h',
    kVersion = 256,
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
      {"record", required_argument, nullptr, kRecord},
      {"replay", required_argument, nullptr, kReplay},
      {"replay-fallthrough", no_argument, nullptr, kReplayFallthrough},
      {"upstream", required_argument, nullptr, kUpstream},
      {"upstream-ca", required_argument, nullptr, kUpstreamCa},
      {"state-file", required_argument, nullptr, kStateFile},
      {"state-sync", required_argument, nullptr, kStateSync},
      {"faults", required_argument, nullptr, kFaults},
      {"verify-sigv4", no_argument, nullptr, kVerifySigv4},
      {"credentials", required_argument, nullptr, kCredentials},
      {"tls-cert", required_argument, nullptr, kTlsCert},
      {"tls-key", required_argument, nullptr, kTlsKey},
      {"request-timeout", required_argument, nullptr, kRequestTimeout},
      {"types", required_argument, nullptr, kTypes},
      {"strict-schemas", no_argument, nullptr, kStrictSchemas},
      {"serve-non-provisionable", no_argument, nullptr, kServeNonProvisionable},
      {"allowed-host", required_argument, nullptr, kAllowedHost},
      {"help", no_argument, nullptr, kHelp},
      {"version", no_argument, nullptr, kVersion},
      {nullptr, 0, nullptr, 0},
  };
  Config config;
  opterr = 0;
  optind = 1;
  int flag;
  while ((flag = getopt_long(argc, argv, "h", kOptions, nullptr)) != -1) {
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
        config.schema_dirs.push_back(value);
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
      case kServeNonProvisionable:
        config.service.serve_non_provisionable = true;
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
      case kRecord:
        config.fixtures.record_file = value;
        break;
      case kReplay:
        config.fixtures.replay_file = value;
        break;
      case kReplayFallthrough:
        config.fixtures.replay_fallthrough = true;
        break;
      case kUpstream:
        try {
          fixtures::parse_upstream_url(value);
        } catch (const std::invalid_argument& e) {
          return failure(e.what());
        }
        config.fixtures.upstream_url = value;
        break;
      case kUpstreamCa:
        config.fixtures.upstream_ca_file = value;
        break;
      case kStateSync:
        if (value == "always")
          config.state_sync = store::SyncMode::kAlways;
        else if (value == "batch")
          config.state_sync = store::SyncMode::kBatch;
        else if (value == "none")
          config.state_sync = store::SyncMode::kNone;
        else
          return failure("--state-sync must be always, batch or none, not '" + value + "'");
        break;
      case kStateFile:
        config.state_file = value;
        break;
      case kFaults:
        config.faults_file = value;
        break;
      case kVerifySigv4:
        config.verify_sigv4 = true;
        break;
      case kCredentials:
        config.credentials_file = value;
        break;
      case kTlsCert:
        config.tls_cert = value;
        break;
      case kTlsKey:
        config.tls_key = value;
        break;
      case kAllowedHost:
        if (value.empty() || value.find_first_of(" /,@") != std::string::npos) {
          return failure("--allowed-host takes a host name, not '" + value + "'");
        }
        config.allowed_hosts.push_back(value);
        break;
      case kRequestTimeout: {
        auto seconds = number(value, 3600);
        if (!seconds || *seconds == 0) {
          return failure("--request-timeout takes a number of seconds from 1 to 3600, not '" +
                         value + "'");
        }
        config.request_timeout_seconds = static_cast<int>(*seconds);
        break;
      }
      case kTypes:
        for (size_t from = 0; from <= value.size();) {
          const size_t comma = std::min(value.find(',', from), value.size());
          const std::string pattern = value.substr(from, comma - from);
          if (pattern.empty()) return failure("--types takes comma-separated type name patterns");
          config.type_patterns.push_back(pattern);
          from = comma + 1;
        }
        break;
      case kStrictSchemas:
        config.strict_schemas = true;
        break;
      case kHelp:
        return {std::nullopt, 0, kUsage};
      case kVersion:
        return {std::nullopt, 0, "ccemu " + version + "\n", true};
      default:
        return failure("unknown or incomplete option '" + std::string(argv[optind - 1]) + "'");
    }
  }
  if (optind < argc) return failure("unexpected argument '" + std::string(argv[optind]) + "'");
  const fixtures::FixtureOptions& fixture = config.fixtures;
  if (!fixture.replay_file.empty() &&
      (!fixture.record_file.empty() || !fixture.upstream_url.empty()))
    return failure(
        "--replay answers from a recording; it cannot be combined with --record or --upstream");
  if (fixture.replay_fallthrough && fixture.replay_file.empty())
    return failure("--replay-fallthrough needs --replay FILE");
  if (!fixture.upstream_ca_file.empty() && fixture.upstream_url.empty())
    return failure("--upstream-ca needs --upstream URL");
  if (config.verify_sigv4 != !config.credentials_file.empty())
    return failure("--verify-sigv4 and --credentials FILE go together");
  if (config.tls_cert.empty() != config.tls_key.empty())
    return failure("--tls-cert FILE and --tls-key FILE go together");
  return {config, 0, ""};
}

}  // namespace ccemu
