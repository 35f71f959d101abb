// The access log: one logfmt line per request on stderr (README "Access log").
//
//   time=2026-01-01T00:00:00.123Z account=123456789012 region=us-east-1 operation=GetResource
//   type=AWS::AppFlow::ConnectorProfile identifier=p1 status=200 error= duration_us=412
//
// Every key is always present; an unknown or absent value is written as `key=`. Values holding a
// blank, '"', '=', '\' or a control character are quoted with Go-style escapes, and long values are
// cut, so a line can never be split or forged by what a client sends. The entry carries no body,
// header, signature or model: nothing secret can reach it.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "common/clock.h"  // rfc3339_ms, for the time field

namespace ccemu::http {

struct AccessLogEntry {
  std::chrono::system_clock::time_point time;  // when the request arrived
  std::string account;
  std::string region;
  std::string operation;   // the X-Amz-Target operation, else "<METHOD> <path>"
  std::string type_name;   // TypeName, when the request or its ProgressEvent names one
  std::string identifier;  // Identifier, likewise
  int status = 0;
  std::string error;  // the error name ("ThrottlingException"), empty on success
  int64_t duration_us = 0;
};

// The line for `entry`, ending in '\n'.
std::string access_log_line(const AccessLogEntry& entry);

}  // namespace ccemu::http
