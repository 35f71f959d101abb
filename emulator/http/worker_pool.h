// WorkerPool: cpp-httplib's TaskQueue on threads with large stacks.
//
// valijson checks `pattern` with libstdc++'s std::regex, which recurses once per character; a
// 262 144-character string needs far more stack than a default thread has (reference §7). Stack
// pages are only committed when touched, so a large reservation costs address space, not memory.
#pragma once

#include <httplib.h>
#include <pthread.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <vector>

namespace ccemu::http {

class WorkerPool final : public httplib::TaskQueue {
 public:
  WorkerPool(size_t threads, size_t stack_bytes);
  ~WorkerPool() override;

  void enqueue(std::function<void()> task) override;
  void shutdown() override;

 private:
  static void* run(void* self);

  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> tasks_;  // Guarded by mu_.
  bool stopping_ = false;                    // Guarded by mu_.
  std::vector<pthread_t> threads_;           // Constant after construction.
};

}  // namespace ccemu::http
