// Config: the command line, parsed (README lists every flag).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "cloudcontrol/service.h"

namespace ccemu {

struct Config {
  std::string host = "127.0.0.1";
  int port = 4566;
  std::filesystem::path schema_dir;
  std::string region = "us-east-1";
  std::string account = "123456789012";
  cloudcontrol::ServiceOptions service;
  std::optional<uint64_t> seed;
  std::string log_level = "warn";  // error | warn | info | debug; info and debug log each request
};

struct ParsedCommandLine {
  std::optional<Config> config;  // absent when the program should exit
  int exit_code = 0;
  std::string output;  // help text or the error, for stdout or stderr respectively
};

ParsedCommandLine parse_command_line(int argc, char** argv,
                                     const std::filesystem::path& default_schema_dir);

}  // namespace ccemu
