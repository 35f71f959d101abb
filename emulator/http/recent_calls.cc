#include "http/recent_calls.h"

namespace ccemu::http {

void RecentCalls::add(ApiCall call) {
  std::lock_guard lock(mu_);
  ++total_;
  if (ring_.size() < capacity_) {
    ring_.push_back(std::move(call));
    return;
  }
  ring_[next_] = std::move(call);
  next_ = (next_ + 1) % capacity_;
}

std::vector<ApiCall> RecentCalls::newest_first() const {
  std::lock_guard lock(mu_);
  std::vector<ApiCall> calls;
  calls.reserve(ring_.size());
  // Oldest is at next_ once the ring is full; walk backwards from the newest.
  for (size_t i = 0; i < ring_.size(); ++i) {
    calls.push_back(ring_[(next_ + ring_.size() - 1 - i) % ring_.size()]);
  }
  return calls;
}

uint64_t RecentCalls::total() const {
  std::lock_guard lock(mu_);
  return total_;
}

}  // namespace ccemu::http
