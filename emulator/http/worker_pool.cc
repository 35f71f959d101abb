#include "http/worker_pool.h"

#include <pthread.h>

#include <stdexcept>

namespace ccemu::http {

WorkerPool::WorkerPool(size_t threads, size_t stack_bytes, std::chrono::milliseconds shutdown_grace)
    : state_(std::make_shared<State>()), shutdown_grace_(shutdown_grace) {
  pthread_attr_t attributes;
  pthread_attr_init(&attributes);
  pthread_attr_setstacksize(&attributes, stack_bytes);
  pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
  for (size_t i = 0; i < threads; ++i) {
    auto* owned = new std::shared_ptr<State>(state_);
    pthread_t thread;
    if (pthread_create(&thread, &attributes, &WorkerPool::run, owned) != 0) {
      delete owned;
      pthread_attr_destroy(&attributes);
      throw std::runtime_error("cannot start worker thread");
    }
    std::lock_guard lock(state_->mu);
    ++state_->running;
  }
  pthread_attr_destroy(&attributes);
}

WorkerPool::~WorkerPool() { shutdown(); }

void WorkerPool::enqueue(std::function<void()> task) {
  {
    std::lock_guard lock(state_->mu);
    state_->tasks.push_back(std::move(task));
  }
  state_->ready.notify_one();
}

void WorkerPool::shutdown() {
  std::unique_lock lock(state_->mu);
  state_->stopping = true;
  state_->ready.notify_all();
  state_->stopped.wait_for(lock, shutdown_grace_, [&] { return state_->running == 0; });
}

void* WorkerPool::run(void* owned) {
  std::shared_ptr<State> state = std::move(*static_cast<std::shared_ptr<State>*>(owned));
  delete static_cast<std::shared_ptr<State>*>(owned);
  while (true) {
    std::function<void()> task;
    {
      std::unique_lock lock(state->mu);
      state->ready.wait(lock, [&] { return state->stopping || !state->tasks.empty(); });
      if (state->tasks.empty()) {
        --state->running;
        state->stopped.notify_all();
        return nullptr;
      }
      task = std::move(state->tasks.front());
      state->tasks.pop_front();
    }
    task();
  }
}

}  // namespace ccemu::http
