#include "cloudcontrol/types.h"

#include <array>
#include <utility>

namespace ccemu::cloudcontrol {
namespace {

constexpr std::array<std::pair<Operation, std::string_view>, 3> kOperations = {{
    {Operation::kCreate, "CREATE"},
    {Operation::kUpdate, "UPDATE"},
    {Operation::kDelete, "DELETE"},
}};

constexpr std::array<std::pair<OperationStatus, std::string_view>, 6> kStatuses = {{
    {OperationStatus::kPending, "PENDING"},
    {OperationStatus::kInProgress, "IN_PROGRESS"},
    {OperationStatus::kSuccess, "SUCCESS"},
    {OperationStatus::kFailed, "FAILED"},
    {OperationStatus::kCancelInProgress, "CANCEL_IN_PROGRESS"},
    {OperationStatus::kCancelComplete, "CANCEL_COMPLETE"},
}};

template <typename Table, typename Value>
std::string_view name_of(const Table& table, Value value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return "";
}

template <typename Value, typename Table>
std::optional<Value> value_of(const Table& table, std::string_view text) {
  for (const auto& [v, name] : table) {
    if (name == text) return v;
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(Operation operation) { return name_of(kOperations, operation); }
std::string_view to_string(OperationStatus status) { return name_of(kStatuses, status); }

std::optional<Operation> parse_operation(std::string_view text) {
  return value_of<Operation>(kOperations, text);
}

std::optional<OperationStatus> parse_operation_status(std::string_view text) {
  return value_of<OperationStatus>(kStatuses, text);
}

bool is_terminal(OperationStatus status) {
  return status == OperationStatus::kSuccess || status == OperationStatus::kFailed ||
         status == OperationStatus::kCancelComplete;
}

}  // namespace ccemu::cloudcontrol
