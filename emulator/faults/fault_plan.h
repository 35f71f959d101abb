// FaultPlan: the fault injection rules in force (--faults FILE, /_ccemu/faults) and the decision,
// per request, of which fire (README "Fault injection").
//
// Rules are consulted in the order they were added. The protocol layer asks immediate() for every
// decoded request: every firing latency rule adds its delay, and the first firing error rule
// answers. The service asks failed_event() when it accepts a Create, Update or Delete: the first
// firing failed_event rule decides its outcome. A rule is only consulted in its own phase, so it
// never fires twice for one request. A `times` rule counts down only when it fires; probability
// draws come from the IdGenerator, so they repeat under --seed.
//
// Thread-safety: mu_ guards rules_ and next_id_. The service calls failed_event() while holding its
// own mutex, so the order is service mutex -> mu_.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/api_error.h"
#include "common/id_generator.h"
#include "faults/fault_rule.h"

namespace ccemu::faults {

// What a request matches on: empty strings for what it does not name.
struct FaultTarget {
  std::string_view operation;
  std::string_view type_name;
  std::string_view identifier;
};

class FaultPlan {
 public:
  explicit FaultPlan(IdGenerator& random);

  // Appends the rules of fault_rule.h's JSON (one rule or an array); none when one is invalid.
  // Throws std::invalid_argument.
  void add(const nlohmann::json& rules);
  // Appends the rules of a JSON file. Throws std::runtime_error naming the file.
  void add_file(const std::filesystem::path& file);
  void clear();
  // Removes the rule of that id; false when there is none.
  bool remove(uint64_t id);
  // {"rules": [<rule>, ...]}, each with its "id", how often it has "fired" and, for a `times`
  // rule, how many times "remaining".
  nlohmann::json describe() const;

  struct Immediate {
    std::chrono::milliseconds latency{0};
    std::optional<ApiError> error;
  };
  Immediate immediate(const FaultTarget& target);

  struct FailedEvent {
    std::string error_code;  // a HandlerErrorCode
    std::string status_message;
  };
  std::optional<FailedEvent> failed_event(const FaultTarget& target);

 private:
  struct ActiveRule {
    uint64_t id;
    FaultRule rule;
    int64_t fired = 0;
  };
  // REQUIRES: mu_ held. True when `active` matches `target` and fires now (counting it).
  bool fires(ActiveRule& active, const FaultTarget& target);

  IdGenerator& random_;
  std::atomic<bool> empty_{true};  // lets requests skip mu_ when there are no rules
  mutable std::mutex mu_;
  std::vector<ActiveRule> rules_;  // Guarded by mu_.
  uint64_t next_id_ = 1;           // Guarded by mu_.
};

}  // namespace ccemu::faults
