// RecentCalls: the last API calls (Cloud Control and AppFlow, reads included) and how they were
// answered, for the dashboard's Requests view (GET /_ccemu/calls). The request ledger holds only
// Cloud Control's mutating requests; this shows everything a client asked.
//
// Holds what the access log shows (operation, TypeName, Identifier, status, error name), never a
// request or response body, so never a write-only value.
//
// Thread-safety: mu_ guards ring_, next_ and total_; add() and newest_first() may be called from
// any thread.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace ccemu::http {

struct ApiCall {
  int64_t time_ms = 0;
  std::string api{};        // "cloudcontrol", "appflow" or "sts"
  std::string operation{};  // empty when the request named none
  std::string type_name{};
  std::string identifier{};
  std::string account{};
  std::string region{};
  int status = 0;
  std::string error{};  // the error name, empty on success
};

class RecentCalls {
 public:
  explicit RecentCalls(size_t capacity) : capacity_(capacity) {}

  void add(ApiCall call);
  // Every call kept, newest first.
  std::vector<ApiCall> newest_first() const;
  // How many calls were ever added (kept or not).
  uint64_t total() const;

 private:
  const size_t capacity_;
  mutable std::mutex mu_;
  std::vector<ApiCall> ring_;  // Guarded by mu_; grows to capacity_, then overwritten at next_.
  size_t next_ = 0;            // Guarded by mu_.
  uint64_t total_ = 0;         // Guarded by mu_.
};

}  // namespace ccemu::http
