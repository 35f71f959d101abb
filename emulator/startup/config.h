// Config: the command line, parsed (README lists every flag).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "cloudcontrol/service.h"
#include "fixtures/options.h"
#include "store/journal.h"

namespace ccemu {

struct Config {
  std::string host = "127.0.0.1";
  int port = 4566;
  std::vector<std::filesystem::path> schema_dirs;  // every --schema-dir, served beside the shipped
  std::vector<std::string> type_patterns;          // --types: empty serves every type
  bool strict_schemas = false;                     // --strict-schemas
  std::string region = "us-east-1";
  std::string account = "123456789012";
  cloudcontrol::ServiceOptions service;
  std::optional<uint64_t> seed;
  fixtures::FixtureOptions fixtures;  // --record, --replay, --upstream (README "Fixtures")
  std::string log_level = "warn";    // error | warn | info | debug; info and debug log each request
  std::filesystem::path state_file;  // --state-file: empty for none
  store::SyncMode state_sync = store::SyncMode::kBatch;  // --state-sync
  std::filesystem::path faults_file;                     // --faults: rules applied from the start
  bool verify_sigv4 = false;                             // --verify-sigv4, against credentials_file
  std::filesystem::path credentials_file;
  std::filesystem::path tls_cert, tls_key;  // --tls-cert, --tls-key: serve HTTPS
  int request_timeout_seconds = 30;         // --request-timeout
  std::vector<std::string> allowed_hosts;   // every --allowed-host
};

struct ParsedCommandLine {
  std::optional<Config> config;  // absent when the program should exit
  int exit_code = 0;
  std::string output;  // help or version text, or the error, for stdout or stderr respectively
  bool version_requested = false;  // --version: main adds the registry bundle line
};

// `version` is what --version prints after "ccemu ".
ParsedCommandLine parse_command_line(int argc, char** argv, const std::string& version);

}  // namespace ccemu
