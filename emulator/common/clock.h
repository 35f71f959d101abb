// Clock: the service's only source of time, injected so tests and --seed runs are deterministic.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace ccemu {

// `time` in RFC 3339 UTC with milliseconds: 2026-01-01T00:00:00.123Z.
std::string rfc3339_ms(std::chrono::system_clock::time_point time);

// `epoch_ms` in UTC, to the second, as strftime writes `format` ("%Y-%m-%dT%H:%M:%SZ").
std::string utc_text(int64_t epoch_ms, const char* format);

class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch. Thread-safe.
  virtual int64_t now_ms() = 0;
};

// Wall-clock time.
class SystemClock final : public Clock {
 public:
  int64_t now_ms() override;
};

// Starts at a fixed instant and advances by `step_ms` on every reading, so a run with the same
// requests sees the same times (--seed).
class SteppingClock final : public Clock {
 public:
  explicit SteppingClock(int64_t start_ms, int64_t step_ms = 1) : next_(start_ms), step_(step_ms) {}
  int64_t now_ms() override { return next_.fetch_add(step_); }

 private:
  std::atomic<int64_t> next_;
  const int64_t step_;
};

// Moves only when told to; for tests of expiry and --progress ms=N.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t start_ms) : now_(start_ms) {}
  int64_t now_ms() override { return now_.load(); }
  void advance_ms(int64_t ms) { now_ += ms; }

 private:
  std::atomic<int64_t> now_;
};

}  // namespace ccemu
