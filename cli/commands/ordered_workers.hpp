#pragma once
// Work on many threads, results in order. The caller pushes items; `work(worker, item)` runs on
// one of `threads` threads, the caller's among them (worker is its index, for state kept per
// thread); `consume`
// receives each result on the caller's thread, in the order the items were pushed. At most
// `window` items are in flight, so memory stays bounded however many are pushed; push() consumes
// the results that are ready while it waits for room.
//
// A result is destroyed by the worker that made it, once consumed (what consume leaves in it):
// glibc frees memory of another thread's arena under that arena's lock, and memory freed where it
// was allocated is reused while still in that core's cache (about 3% off a -j 2 run's time).
//
// `check -j N` loads and evaluates each input on a worker (the document is checked on the core
// that parsed it, while it is still in that core's cache) and writes the report on the caller's
// thread. With one thread nothing is started: each item is worked on and consumed at once.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace taskguard::cli {

template <typename Item, typename Result>
class OrderedWorkers {
 public:
  using Work = std::function<Result(unsigned worker, Item&& item)>;
  using Consume = std::function<void(Result& result)>;

  // `threads` counts the caller's thread: it is worker threads - 1, and works on an item
  // itself whenever it would otherwise wait, so that N threads, not N + 1, share N cores.
  OrderedWorkers(unsigned threads, std::size_t window, Work work, Consume consume)
      : work_(std::move(work)),
        consume_(std::move(consume)),
        window_(window < 1 ? 1 : window),
        caller_(threads <= 1 ? 0 : threads - 1) {
    spent_.resize(caller_ + 1);
    threads_.reserve(caller_);
    for (unsigned w = 0; w < caller_; ++w)
      threads_.emplace_back([this, w] { run(w); });
  }

  // After a failure elsewhere (the caller's consume threw): results not consumed are dropped.
  ~OrderedWorkers() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
      changed_.notify_all();
    }
    threads_.clear();  // joins
  }
  OrderedWorkers(const OrderedWorkers&) = delete;
  OrderedWorkers& operator=(const OrderedWorkers&) = delete;

  // Rethrows, in item order, the failure of an item's work or of consume.
  void push(Item&& item) {
    if (threads_.empty()) {
      Result result = work_(caller_, std::move(item));
      consume_(result);
      return;
    }
    std::unique_lock lock(mutex_);
    while (slots_.size() >= window_)
      make_progress(lock);
    slots_.push_back(Slot{std::move(item), std::nullopt, nullptr, 0, false});
    changed_.notify_one();
  }

  // Consumes every result still due, then returns; rethrows as push() does.
  void finish() {
    if (threads_.empty()) return;
    std::unique_lock lock(mutex_);
    while (!slots_.empty())
      make_progress(lock);
  }

 private:
  struct Slot {
    std::optional<Item> item;  // until a worker takes it
    std::optional<Result> result;
    std::exception_ptr failure;
    unsigned worker = 0;  // the one that made the result
    bool done = false;
  };

  bool has_untaken() const { return next_ - consumed_ < slots_.size(); }

  // Consumes the oldest result if it is ready; else works on an item no worker has taken;
  // else waits for the oldest result.
  void make_progress(std::unique_lock<std::mutex>& lock) {
    if (!slots_.front().done && has_untaken()) {
      work_on_next(caller_, lock);
      return;
    }
    changed_.wait(lock, [&] { return slots_.front().done; });
    Slot slot = std::move(slots_.front());
    slots_.pop_front();
    ++consumed_;
    if (slot.failure) std::rethrow_exception(slot.failure);
    lock.unlock();
    consume_(*slot.result);
    if (slot.worker == caller_) {
      slot.result.reset();  // made here: freed here
    }
    lock.lock();
    if (slot.result) spent_[slot.worker].push_back(std::move(*slot.result));
  }

  // Takes item number next_ and works on it with the lock released.
  void work_on_next(unsigned worker, std::unique_lock<std::mutex>& lock) {
    // Slots are only ever removed at the front, by the count in consumed_: the position of
    // item number next_ is next_ - consumed_.
    const std::size_t number = next_++;
    Item item = std::move(*slots_[number - consumed_].item);
    slots_[number - consumed_].item.reset();
    lock.unlock();
    std::optional<Result> result;
    std::exception_ptr failure;
    try {
      result.emplace(work_(worker, std::move(item)));
    } catch (...) {
      failure = std::current_exception();
    }
    lock.lock();
    Slot& slot = slots_[number - consumed_];
    slot.result = std::move(result);
    slot.failure = failure;
    slot.worker = worker;
    slot.done = true;
    if (number == consumed_) changed_.notify_all();  // the caller waits for the oldest only
  }

  void run(unsigned worker) {
    std::unique_lock lock(mutex_);
    for (;;) {
      changed_.wait(lock, [&] { return stopping_ || has_untaken(); });
      if (stopping_) return;
      if (!spent_[worker].empty()) {
        std::vector<Result> spent = std::move(spent_[worker]);
        spent_[worker].clear();
        lock.unlock();
        spent.clear();  // destroyed here, where they were made
        lock.lock();
        continue;
      }
      work_on_next(worker, lock);
    }
  }

  Work work_;
  Consume consume_;
  std::size_t window_;
  unsigned caller_;  // the worker number of the caller's thread
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Slot> slots_;                  // items pushed and not yet consumed, oldest first
  std::size_t next_ = 0;                    // number of the next item to hand to a worker
  std::size_t consumed_ = 0;                // items consumed so far (numbers below it are gone)
  std::vector<std::vector<Result>> spent_;  // per worker: results consumed, to destroy
  bool stopping_ = false;
  std::vector<std::jthread> threads_;  // last: started once the members they use exist
};

}  // namespace taskguard::cli
