#include "http/worker_pool.h"

#include <stdexcept>

namespace ccemu::http {

WorkerPool::WorkerPool(size_t threads, size_t stack_bytes) {
  pthread_attr_t attributes;
  pthread_attr_init(&attributes);
  pthread_attr_setstacksize(&attributes, stack_bytes);
  for (size_t i = 0; i < threads; ++i) {
    pthread_t thread;
    if (pthread_create(&thread, &attributes, &WorkerPool::run, this) != 0) {
      pthread_attr_destroy(&attributes);
      throw std::runtime_error("cannot start worker thread");
    }
    threads_.push_back(thread);
  }
  pthread_attr_destroy(&attributes);
}

WorkerPool::~WorkerPool() { shutdown(); }

void WorkerPool::enqueue(std::function<void()> task) {
  {
    std::lock_guard lock(mu_);
    tasks_.push_back(std::move(task));
  }
  ready_.notify_one();
}

void WorkerPool::shutdown() {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  ready_.notify_all();
  for (pthread_t thread : threads_) pthread_join(thread, nullptr);
}

void* WorkerPool::run(void* self) {
  auto* pool = static_cast<WorkerPool*>(self);
  while (true) {
    std::function<void()> task;
    {
      std::unique_lock lock(pool->mu_);
      pool->ready_.wait(lock, [&] { return pool->stopping_ || !pool->tasks_.empty(); });
      if (pool->tasks_.empty()) return nullptr;
      task = std::move(pool->tasks_.front());
      pool->tasks_.pop_front();
    }
    task();
  }
}

}  // namespace ccemu::http
