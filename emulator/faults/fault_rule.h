// FaultRule: one fault injection rule (README "Fault injection"), and its JSON form:
//
//   {"operation": "CreateResource", "type_name": "AWS::AppFlow::ConnectorProfile", "identifier":
//   "p1",
//    "error": {"code": "ThrottlingException", "message": "Rate exceeded"}
//      | "failed_event": {"error_code": "ServiceInternalError", "status_message": "..."}
//      | "latency_ms": 250,
//    "times": 2 | "probability": 0.25}
//
// The three match keys are optional (absent matches any). Exactly one effect: an immediate error
// (any ErrorCode name, sent with its own HTTP status), a FAILED ProgressEvent with a
// HandlerErrorCode (Create, Update and Delete only; the change is not applied), or added latency.
// At most one frequency: every time (neither), the next `times` matches, or a `probability`.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/api_error.h"

namespace ccemu::faults {

struct FaultRule {
  enum class Effect { kError, kFailedEvent, kLatency };

  std::string operation;   // "CreateResource"; empty matches any
  std::string type_name;   // empty matches any
  std::string identifier;  // empty matches any

  Effect effect = Effect::kError;
  ErrorCode error = ErrorCode::kThrottling;  // kError
  std::string handler_error_code;            // kFailedEvent: "ServiceInternalError"
  std::string message;                       // kError: Message; kFailedEvent: StatusMessage
  int64_t latency_ms = 0;                    // kLatency

  std::optional<int64_t> times;       // fires on the next `times` matches only
  std::optional<double> probability;  // fires on a match with this probability
};

// Parses one rule object or an array of them. Throws std::invalid_argument naming the rule (by
// position, from 1) and the problem.
std::vector<FaultRule> parse_fault_rules(const nlohmann::json& rules);

// The rule's JSON form, defaults filled in.
nlohmann::json to_json(const FaultRule& rule);

}  // namespace ccemu::faults
