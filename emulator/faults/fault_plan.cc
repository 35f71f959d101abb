#include "faults/fault_plan.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "common/json_limits.h"

namespace ccemu::faults {
namespace {

bool matches(const std::string& wanted, std::string_view actual) {
  return wanted.empty() || wanted == actual;
}

}  // namespace

FaultPlan::FaultPlan(IdGenerator& random) : random_(random) {}

void FaultPlan::add(const nlohmann::json& rules) {
  std::vector<FaultRule> parsed = parse_fault_rules(rules);
  std::lock_guard lock(mu_);
  for (FaultRule& rule : parsed) rules_.push_back({next_id_++, std::move(rule)});
  empty_ = rules_.empty();
}

void FaultPlan::add_file(const std::filesystem::path& file) {
  const std::string where = "cannot load fault file " + file.string() + ": ";
  std::ifstream in(file);
  if (!in) throw std::runtime_error(where + "cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  std::string error;
  auto rules = parse_bounded_json(text.str(), error);
  if (!rules) throw std::runtime_error(where + "not JSON: " + error);
  try {
    add(*rules);
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(where + e.what());
  }
}

void FaultPlan::clear() {
  std::lock_guard lock(mu_);
  rules_.clear();
  empty_ = true;
}

bool FaultPlan::remove(uint64_t id) {
  std::lock_guard lock(mu_);
  const auto removed =
      std::erase_if(rules_, [id](const ActiveRule& rule) { return rule.id == id; });
  empty_ = rules_.empty();
  return removed > 0;
}

nlohmann::json FaultPlan::describe() const {
  nlohmann::json rules = nlohmann::json::array();
  std::lock_guard lock(mu_);
  for (const ActiveRule& active : rules_) {
    nlohmann::json rule = to_json(active.rule);
    rule["id"] = active.id;
    rule["fired"] = active.fired;
    if (active.rule.times) rule["remaining"] = *active.rule.times - active.fired;
    rules.push_back(std::move(rule));
  }
  return {{"rules", std::move(rules)}};
}

bool FaultPlan::fires(ActiveRule& active, const FaultTarget& target) {
  const FaultRule& rule = active.rule;
  if (!matches(rule.operation, target.operation) || !matches(rule.type_name, target.type_name) ||
      !matches(rule.identifier, target.identifier)) {
    return false;
  }
  if (rule.times && active.fired >= *rule.times) return false;
  if (rule.probability && random_.uniform() >= *rule.probability) return false;
  ++active.fired;
  return true;
}

FaultPlan::Immediate FaultPlan::immediate(const FaultTarget& target) {
  Immediate outcome;
  if (empty_) return outcome;
  std::lock_guard lock(mu_);
  for (ActiveRule& active : rules_) {
    const FaultRule& rule = active.rule;
    if (rule.effect == FaultRule::Effect::kLatency && fires(active, target)) {
      outcome.latency += std::chrono::milliseconds(rule.latency_ms);
    } else if (rule.effect == FaultRule::Effect::kError && !outcome.error &&
               fires(active, target)) {
      outcome.error.emplace(rule.error, rule.message);
    }
  }
  return outcome;
}

std::optional<FaultPlan::FailedEvent> FaultPlan::failed_event(const FaultTarget& target) {
  if (empty_) return std::nullopt;
  std::lock_guard lock(mu_);
  for (ActiveRule& active : rules_) {
    if (active.rule.effect == FaultRule::Effect::kFailedEvent && fires(active, target)) {
      return FailedEvent{active.rule.handler_error_code, active.rule.message};
    }
  }
  return std::nullopt;
}

}  // namespace ccemu::faults
