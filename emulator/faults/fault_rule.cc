#include "faults/fault_rule.h"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string_view>

namespace ccemu::faults {
namespace {

using nlohmann::json;

// Cloud Control's operations, then the native AppFlow API's and STS's that ccemu serves.
constexpr std::array<std::string_view, 19> kOperations = {"CreateResource",
                                                          "GetResource",
                                                          "ListResources",
                                                          "UpdateResource",
                                                          "DeleteResource",
                                                          "GetResourceRequestStatus",
                                                          "ListResourceRequests",
                                                          "CancelResourceRequest",
                                                          "CreateConnectorProfile",
                                                          "DescribeConnectorProfiles",
                                                          "UpdateConnectorProfile",
                                                          "DeleteConnectorProfile",
                                                          "TagResource",
                                                          "UntagResource",
                                                          "ListTagsForResource",
                                                          "GetCallerIdentity",
                                                          "AssumeRole",
                                                          "AssumeRoleWithWebIdentity",
                                                          "GetSessionToken"};
constexpr std::array<std::string_view, 3> kMutations = {"CreateResource", "UpdateResource",
                                                        "DeleteResource"};
// HandlerErrorCode values of AWS's model (spec §4.3).
constexpr std::array<std::string_view, 16> kHandlerErrorCodes = {"NotUpdatable",
                                                                 "InvalidRequest",
                                                                 "AccessDenied",
                                                                 "UnauthorizedTaggingOperation",
                                                                 "InvalidCredentials",
                                                                 "AlreadyExists",
                                                                 "NotFound",
                                                                 "ResourceConflict",
                                                                 "Throttling",
                                                                 "ServiceLimitExceeded",
                                                                 "NotStabilized",
                                                                 "GeneralServiceException",
                                                                 "ServiceInternalError",
                                                                 "ServiceTimeout",
                                                                 "NetworkFailure",
                                                                 "InternalFailure"};
constexpr int64_t kMaxLatencyMs = 300000;
constexpr size_t kMaxMessageLength = 2048;

template <size_t N>
bool one_of(const std::array<std::string_view, N>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

template <size_t N>
std::string listed(const std::array<std::string_view, N>& names) {
  std::string out;
  for (auto name : names) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

class RuleReader {
 public:
  RuleReader(const json& rule, size_t position)
      : rule_(rule), where_("rule " + std::to_string(position)) {}

  [[noreturn]] void refuse(const std::string& problem) const {
    throw std::invalid_argument("Invalid fault " + where_ + ": " + problem);
  }

  void allow_only(std::initializer_list<std::string_view> keys, const json& object,
                  const std::string& prefix) const {
    for (const auto& [key, value] : object.items()) {
      if (std::find(keys.begin(), keys.end(), key) == keys.end())
        refuse("unknown member '" + prefix + key + "'");
    }
  }

  std::string text(const json& object, const char* key, const std::string& name) const {
    auto it = object.find(key);
    if (it == object.end()) return "";
    if (!it->is_string() || it->get_ref<const std::string&>().empty() ||
        it->get_ref<const std::string&>().size() > kMaxMessageLength) {
      refuse(name + " must be a non-empty string of at most 2048 characters");
    }
    return it->get<std::string>();
  }

  FaultRule read() const {
    if (!rule_.is_object()) refuse("expected a JSON object");
    allow_only({"operation", "type_name", "identifier", "error", "failed_event", "latency_ms",
                "times", "probability"},
               rule_, "");
    FaultRule rule;
    rule.operation = text(rule_, "operation", "operation");
    if (!rule.operation.empty() && !one_of(kOperations, rule.operation))
      refuse("operation must be one of " + listed(kOperations));
    rule.type_name = text(rule_, "type_name", "type_name");
    rule.identifier = text(rule_, "identifier", "identifier");
    read_effect(rule);
    read_frequency(rule);
    return rule;
  }

 private:
  void read_effect(FaultRule& rule) const {
    const int effects =
        rule_.contains("error") + rule_.contains("failed_event") + rule_.contains("latency_ms");
    if (effects != 1) refuse("give exactly one of error, failed_event and latency_ms");
    if (auto it = rule_.find("error"); it != rule_.end()) {
      if (!it->is_object()) refuse("error must be an object");
      allow_only({"code", "message"}, *it, "error.");
      const std::string code = text(*it, "code", "error.code");
      auto parsed = parse_error_name(code);
      if (!parsed)
        refuse("error.code '" + code + "' is not an error name (e.g. ThrottlingException)");
      rule.effect = FaultRule::Effect::kError;
      rule.error = *parsed;
      rule.message = text(*it, "message", "error.message");
      if (rule.message.empty())
        rule.message = *parsed == ErrorCode::kThrottling ? "Rate exceeded" : "Injected fault.";
    } else if (auto it = rule_.find("failed_event"); it != rule_.end()) {
      if (!it->is_object()) refuse("failed_event must be an object");
      allow_only({"error_code", "status_message"}, *it, "failed_event.");
      if (!rule.operation.empty() && !one_of(kMutations, rule.operation))
        refuse("a failed_event needs CreateResource, UpdateResource or DeleteResource");
      rule.effect = FaultRule::Effect::kFailedEvent;
      rule.handler_error_code = text(*it, "error_code", "failed_event.error_code");
      if (!one_of(kHandlerErrorCodes, rule.handler_error_code))
        refuse("failed_event.error_code must be one of " + listed(kHandlerErrorCodes));
      rule.message = text(*it, "status_message", "failed_event.status_message");
      if (rule.message.empty())
        rule.message = "Injected fault: the handler failed with " + rule.handler_error_code + ".";
    } else {
      const json& latency = rule_.at("latency_ms");
      if (!latency.is_number_integer() || latency.get<int64_t>() < 0 ||
          latency.get<int64_t>() > kMaxLatencyMs) {
        refuse("latency_ms must be an integer from 0 to " + std::to_string(kMaxLatencyMs));
      }
      rule.effect = FaultRule::Effect::kLatency;
      rule.latency_ms = latency.get<int64_t>();
    }
  }

  void read_frequency(FaultRule& rule) const {
    if (rule_.contains("times") && rule_.contains("probability"))
      refuse("give at most one of times and probability");
    if (auto it = rule_.find("times"); it != rule_.end()) {
      if (!it->is_number_integer() || it->get<int64_t>() < 1)
        refuse("times must be an integer of at least 1");
      rule.times = it->get<int64_t>();
    }
    if (auto it = rule_.find("probability"); it != rule_.end()) {
      if (!it->is_number() || it->get<double>() < 0 || it->get<double>() > 1)
        refuse("probability must be a number from 0 to 1");
      rule.probability = it->get<double>();
    }
  }

  const json& rule_;
  const std::string where_;
};

}  // namespace

std::vector<FaultRule> parse_fault_rules(const json& rules) {
  std::vector<FaultRule> parsed;
  if (rules.is_array()) {
    for (size_t i = 0; i < rules.size(); ++i) parsed.push_back(RuleReader(rules[i], i + 1).read());
  } else {
    parsed.push_back(RuleReader(rules, 1).read());
  }
  return parsed;
}

json to_json(const FaultRule& rule) {
  json out = json::object();
  if (!rule.operation.empty()) out["operation"] = rule.operation;
  if (!rule.type_name.empty()) out["type_name"] = rule.type_name;
  if (!rule.identifier.empty()) out["identifier"] = rule.identifier;
  switch (rule.effect) {
    case FaultRule::Effect::kError:
      out["error"] = {{"code", error_name(rule.error)}, {"message", rule.message}};
      break;
    case FaultRule::Effect::kFailedEvent:
      out["failed_event"] = {{"error_code", rule.handler_error_code},
                             {"status_message", rule.message}};
      break;
    case FaultRule::Effect::kLatency:
      out["latency_ms"] = rule.latency_ms;
      break;
  }
  if (rule.times) out["times"] = *rule.times;
  if (rule.probability) out["probability"] = *rule.probability;
  return out;
}

}  // namespace ccemu::faults
