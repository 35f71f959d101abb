// WorkerPool: cpp-httplib's TaskQueue on threads with large stacks.
//
// valijson checks `pattern` with libstdc++'s std::regex, which recurses once per character; a
// 262 144-character string needs far more stack than a default thread has (reference §7). Stack
// pages are only committed when touched, so a large reservation costs address space, not memory.
//
// shutdown() waits a bounded time: a worker serving an idle keep-alive connection stays in
// cpp-httplib's keep-alive wait for its whole timeout, and stopping must not wait for clients that
// keep connections open. Workers still busy then are detached; they own the pool's state.
#pragma once

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

namespace ccemu::http {

class WorkerPool final : public httplib::TaskQueue {
 public:
  WorkerPool(size_t threads, size_t stack_bytes, std::chrono::milliseconds shutdown_grace);
  ~WorkerPool() override;

  void enqueue(std::function<void()> task) override;
  void shutdown() override;

 private:
  struct State {
    std::mutex mu;
    std::condition_variable ready;            // a task arrived or stopping was set
    std::condition_variable stopped;          // a worker exited
    std::deque<std::function<void()>> tasks;  // Guarded by mu.
    bool stopping = false;                    // Guarded by mu.
    size_t running = 0;                       // Guarded by mu: workers not yet exited.
  };
  static void* run(void* state);

  std::shared_ptr<State> state_;
  const std::chrono::milliseconds shutdown_grace_;
};

}  // namespace ccemu::http
