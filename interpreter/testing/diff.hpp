#pragma once
// How a failing test reads: each expectation that did not hold, what it asked for beside what
// the rule actually produced, so the author sees the difference without re-running anything.

#include <string>

#include "interpreter/testing/runner.hpp"

namespace taskguard::testing {

// One line naming the expectation: "TG-SEC-001 fail count=1 pointer=/a message~\"x\"".
std::string describe(const Expectation& expectation);

// The failure report of one test (empty for a passing test). Lines end with '\n'.
std::string render_failure(const TestResult& result);

}  // namespace taskguard::testing
