#include "http/request_rate.h"

#include <chrono>

namespace ccemu::http {
namespace {

int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

void RequestRate::count() {
  const int64_t now = now_seconds();
  const size_t bucket = static_cast<size_t>(now) % kSeconds;
  int64_t seen = second_[bucket].load(std::memory_order_relaxed);
  if (seen != now && second_[bucket].compare_exchange_strong(seen, now)) {
    count_[bucket].store(0, std::memory_order_relaxed);
  }
  count_[bucket].fetch_add(1, std::memory_order_relaxed);
}

uint64_t RequestRate::last_minute() const {
  const int64_t now = now_seconds();
  uint64_t total = 0;
  for (size_t bucket = 0; bucket < kSeconds; ++bucket) {
    if (now - second_[bucket].load(std::memory_order_relaxed) < static_cast<int64_t>(kSeconds)) {
      total += count_[bucket].load(std::memory_order_relaxed);
    }
  }
  return total;
}

}  // namespace ccemu::http
