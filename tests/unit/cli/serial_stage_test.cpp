#include <doctest/doctest.h>

#include <stdexcept>
#include <thread>
#include <vector>

#include "cli/commands/serial_stage.hpp"

using taskguard::cli::SerialStage;

TEST_SUITE("cli") {
  TEST_CASE("serial stage: items are handled in the order pushed, all of them by finish()") {
    for (const bool threaded : {false, true}) {
      CAPTURE(threaded);
      std::vector<int> seen;
      std::thread::id handler;
      SerialStage<int> stage(threaded, [&](int&& item) {
        seen.push_back(item);
        handler = std::this_thread::get_id();
      });
      for (int i = 0; i < 100; ++i)
        stage.push(int{i});
      stage.finish();
      REQUIRE(seen.size() == 100);
      for (int i = 0; i < 100; ++i)
        CHECK(seen[static_cast<std::size_t>(i)] == i);
      // Unthreaded, a -j 1 run stays on the caller's thread.
      CHECK((handler == std::this_thread::get_id()) == !threaded);
    }
  }

  TEST_CASE("serial stage: a failure stops the stage and reaches the caller") {
    SerialStage<int> stage(true, [](int&& item) {
      if (item == 3) throw std::runtime_error("cannot write the report");
    });
    bool thrown = false;
    try {
      for (int i = 0; i < 1000; ++i)
        stage.push(int{i});
      stage.finish();
    } catch (const std::runtime_error& e) {
      thrown = true;
      CHECK(std::string(e.what()) == "cannot write the report");
    }
    CHECK(thrown);
  }

  TEST_CASE("serial stage: destroyed without finish() (the caller failed), it stops and joins") {
    std::vector<int> seen;
    {
      SerialStage<int> stage(true, [&](int&& item) { seen.push_back(item); });
      stage.push(1);
    }
    CHECK(seen.size() <= 1);  // the waiting item may be dropped, never handled twice
  }
}
