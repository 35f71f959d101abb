// WorkerPool: cpp-httplib's TaskQueue on an elastic set of threads with large stacks.
//
// Each connection holds a worker while it is open, idle keep-alive ones included, and SDKs keep
// pools of idle connections: so the pool grows whenever a task arrives and no worker is idle, up
// to `max_threads`, and a worker idle for `idle_exit` ends while more than `min_threads` remain.
// Past `max_threads` tasks wait in order.
//
// Request members' patterns still go through libstdc++'s std::regex, which recurses once per
// character, and validation recurses through nested documents: a 262 144-character request needs
// far more stack than a default thread has (reference §7). Stack pages are only committed when
// touched, so a large reservation costs address space, not memory.
//
// shutdown() waits a bounded time: stopping must not wait for clients that keep connections open.
// Workers still busy then are detached; they own the pool's state.
#pragma once

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

namespace ccemu::http {

struct WorkerPoolLimits {
  size_t min_threads;
  size_t max_threads;
  size_t stack_bytes;
  std::chrono::milliseconds idle_exit;
  std::chrono::milliseconds shutdown_grace;
};

class WorkerPool final : public httplib::TaskQueue {
 public:
  explicit WorkerPool(WorkerPoolLimits limits);
  ~WorkerPool() override;

  void enqueue(std::function<void()> task) override;
  void shutdown() override;

 private:
  struct State {
    explicit State(WorkerPoolLimits limits) : limits(limits) {}
    const WorkerPoolLimits limits;
    std::mutex mu;
    std::condition_variable ready;            // a task arrived or stopping was set
    std::condition_variable stopped;          // a worker exited
    std::deque<std::function<void()>> tasks;  // Guarded by mu.
    bool stopping = false;                    // Guarded by mu.
    size_t running = 0;                       // Guarded by mu: workers not yet exited.
    size_t idle = 0;                          // Guarded by mu: workers waiting for a task.
  };
  // Starts one more worker. REQUIRES: state->mu held.
  static bool start_worker(const std::shared_ptr<State>& state);
  static void* run(void* state);

  std::shared_ptr<State> state_;
};

}  // namespace ccemu::http
