#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "cli/commands/ordered_workers.hpp"

using taskguard::cli::OrderedWorkers;

namespace {

// Work that takes longer for early items, so that later ones finish first on other threads.
int slow_square(int item, int count) {
  std::this_thread::sleep_for(std::chrono::microseconds(50 * (count - item) % 700));
  return item * item;
}

}  // namespace

TEST_SUITE("cli") {
  TEST_CASE("ordered workers: results come in the order pushed, all of them by finish()") {
    constexpr int kCount = 300;
    for (const unsigned threads : {1u, 2u, 4u}) {
      CAPTURE(threads);
      std::vector<int> seen;
      std::set<std::thread::id> worked_on;
      std::mutex worked_on_mutex;
      std::thread::id consumer;
      const std::thread::id caller = std::this_thread::get_id();
      OrderedWorkers<int, int> workers(
          threads, 3,
          [&](unsigned worker, int&& item) {
            CHECK(worker < threads);
            if (std::this_thread::get_id() == caller) CHECK(worker == threads - 1);
            {
              std::lock_guard lock(worked_on_mutex);
              worked_on.insert(std::this_thread::get_id());
            }
            return slow_square(item, kCount);
          },
          [&](int& result) {
            seen.push_back(result);
            consumer = std::this_thread::get_id();
          });
      for (int i = 0; i < kCount; ++i)
        workers.push(int{i});
      workers.finish();
      REQUIRE(seen.size() == kCount);
      for (int i = 0; i < kCount; ++i)
        CHECK(seen[static_cast<std::size_t>(i)] == i * i);
      // The report is written on the caller's thread; -j N uses N threads in all, the caller's
      // included, and -j 1 starts no thread at all.
      CHECK(consumer == std::this_thread::get_id());
      CHECK(worked_on.size() <= threads);
      if (threads == 1) CHECK(worked_on == std::set{std::this_thread::get_id()});
    }
  }

  TEST_CASE("ordered workers: no more than the window is in flight") {
    std::atomic<int> pushed{0};
    std::atomic<int> consumed{0};
    std::atomic<int> most_ahead{0};
    OrderedWorkers<int, int> workers(
        2, 4,
        [&](unsigned, int&& item) {
          const int ahead = pushed.load() - consumed.load();
          int seen = most_ahead.load();
          while (ahead > seen && !most_ahead.compare_exchange_weak(seen, ahead)) {
          }
          return item;
        },
        [&](int&) { ++consumed; });
    for (int i = 0; i < 200; ++i) {
      workers.push(int{i});
      ++pushed;
    }
    workers.finish();
    CHECK(consumed.load() == 200);
    CHECK(most_ahead.load() <= 4);
  }

  TEST_CASE("ordered workers: a failed item reaches the caller in its turn") {
    for (const unsigned threads : {1u, 2u}) {
      CAPTURE(threads);
      std::vector<int> seen;
      OrderedWorkers<int, int> workers(
          threads, 8,
          [](unsigned, int&& item) {
            if (item == 5) throw std::runtime_error("cannot read input 5");
            return item;
          },
          [&](int& result) { seen.push_back(result); });
      std::string message;
      try {
        for (int i = 0; i < 100; ++i)
          workers.push(int{i});
        workers.finish();
      } catch (const std::runtime_error& e) {
        message = e.what();
      }
      CHECK(message == "cannot read input 5");
      // Everything before the failed item was consumed, nothing after it.
      CHECK(seen == std::vector<int>{0, 1, 2, 3, 4});
    }
  }

  TEST_CASE("ordered workers: a failing consumer stops the workers; destruction joins them") {
    std::atomic<int> worked{0};
    std::string message;
    try {
      OrderedWorkers<int, int> workers(
          2, 4,
          [&](unsigned, int&& item) {
            ++worked;
            return item;
          },
          [](int& result) {
            if (result == 2) throw std::runtime_error("cannot write the report");
          });
      for (int i = 0; i < 1000; ++i)
        workers.push(int{i});
      workers.finish();
    } catch (const std::runtime_error& e) {
      message = e.what();
    }
    CHECK(message == "cannot write the report");
    CHECK(worked.load() <= 2 + 1 + 4);  // consumed up to the failure, then at most a window
  }
}
