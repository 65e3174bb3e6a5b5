#pragma once
// One stage of a pipeline: it handles items one at a time, in the order they are pushed, on a
// thread of its own, while the caller goes on preparing the next item. `check -j N` writes the
// report of one batch while the next batch is evaluated, so that no core waits for the writer.
// Unthreaded (for -j 1), each item is handled at once on the caller's thread.

#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

namespace taskguard::cli {

template <typename Item>
class SerialStage {
 public:
  SerialStage(bool threaded, std::function<void(Item&&)> handle) : handle_(std::move(handle)) {
    if (threaded) thread_ = std::jthread([this] { run(); });
  }
  ~SerialStage() {
    if (!thread_.joinable()) return;
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;  // after an exception elsewhere: a waiting item is dropped
      changed_.notify_all();
    }
    thread_.join();
  }
  SerialStage(const SerialStage&) = delete;
  SerialStage& operator=(const SerialStage&) = delete;

  // Waits while an item is already waiting. Rethrows the failure of an earlier item.
  void push(Item&& item) {
    if (!thread_.joinable()) {
      handle_(std::move(item));
      return;
    }
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !waiting_ || failure_; });
    if (failure_) std::rethrow_exception(failure_);
    waiting_.emplace(std::move(item));
    changed_.notify_all();
  }

  // Handles every item pushed, then returns; rethrows the first failure.
  void finish() {
    if (!thread_.joinable()) return;
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
      changed_.notify_all();
    }
    thread_.join();
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  void run() {
    for (;;) {
      Item item;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return waiting_ || closed_ || stopping_; });
        if (stopping_ || !waiting_) return;
        item = std::move(*waiting_);
        waiting_.reset();
        changed_.notify_all();
      }
      try {
        handle_(std::move(item));
      } catch (...) {
        std::lock_guard lock(mutex_);
        failure_ = std::current_exception();
        changed_.notify_all();
        return;
      }
    }
  }

  std::function<void(Item&&)> handle_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::optional<Item> waiting_;
  bool closed_ = false;
  bool stopping_ = false;
  std::exception_ptr failure_;
  std::jthread thread_;  // last: started once the members it uses exist
};

}  // namespace taskguard::cli
