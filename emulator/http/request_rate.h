// RequestRate: how many API requests (Cloud Control and AppFlow) arrived in the last minute, for
// the dashboard's overview.
//
// Thread-safety: count() and last_minute() may be called from any thread. One bucket per second,
// reused a minute later; a bucket is restarted by whoever first counts in its new second, so a
// count racing that restart may be lost: the figure is approximate, never blocking.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>

namespace ccemu::http {

class RequestRate {
 public:
  void count();
  uint64_t last_minute() const;

 private:
  static constexpr size_t kSeconds = 60;
  std::array<std::atomic<int64_t>, kSeconds> second_{};
  std::array<std::atomic<uint32_t>, kSeconds> count_{};
};

}  // namespace ccemu::http
