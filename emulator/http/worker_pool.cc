#include "http/worker_pool.h"

#include <pthread.h>

#include <stdexcept>

namespace ccemu::http {

WorkerPool::WorkerPool(WorkerPoolLimits limits) : state_(std::make_shared<State>(limits)) {
  std::lock_guard lock(state_->mu);
  for (size_t i = 0; i < limits.min_threads; ++i) {
    if (!start_worker(state_)) throw std::runtime_error("cannot start worker thread");
  }
}

WorkerPool::~WorkerPool() { shutdown(); }

bool WorkerPool::start_worker(const std::shared_ptr<State>& state) {
  pthread_attr_t attributes;
  pthread_attr_init(&attributes);
  pthread_attr_setstacksize(&attributes, state->limits.stack_bytes);
  pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
  auto* owned = new std::shared_ptr<State>(state);
  pthread_t thread;
  const bool started = pthread_create(&thread, &attributes, &WorkerPool::run, owned) == 0;
  pthread_attr_destroy(&attributes);
  if (!started) {
    delete owned;
    return false;
  }
  ++state->running;
  return true;
}

void WorkerPool::enqueue(std::function<void()> task) {
  {
    std::lock_guard lock(state_->mu);
    state_->tasks.push_back(std::move(task));
    // A worker that cannot be started now leaves the task queued for the next free one.
    if (state_->tasks.size() > state_->idle && state_->running < state_->limits.max_threads) {
      start_worker(state_);
    }
  }
  state_->ready.notify_one();
}

void WorkerPool::shutdown() {
  std::unique_lock lock(state_->mu);
  state_->stopping = true;
  state_->ready.notify_all();
  state_->stopped.wait_for(lock, state_->limits.shutdown_grace,
                           [&] { return state_->running == 0; });
}

void* WorkerPool::run(void* owned) {
  std::shared_ptr<State> state = std::move(*static_cast<std::shared_ptr<State>*>(owned));
  delete static_cast<std::shared_ptr<State>*>(owned);
  std::unique_lock lock(state->mu);
  while (true) {
    ++state->idle;
    const bool woken = state->ready.wait_for(
        lock, state->limits.idle_exit, [&] { return state->stopping || !state->tasks.empty(); });
    --state->idle;
    if (state->tasks.empty()) {
      if (state->stopping || (!woken && state->running > state->limits.min_threads)) break;
      continue;
    }
    {
      std::function<void()> task = std::move(state->tasks.front());
      state->tasks.pop_front();
      lock.unlock();
      task();
    }
    lock.lock();
  }
  --state->running;
  state->stopped.notify_all();
  return nullptr;
}

}  // namespace ccemu::http
