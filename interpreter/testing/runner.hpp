#pragma once
// Runs policy tests: loads each test's input, evaluates the programs under test on it, and
// checks every expectation against the outcomes.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "interpreter/outcome/outcome.hpp"
#include "interpreter/testing/test_file.hpp"
#include "language/program/program.hpp"
#include "stdlib/limits/limits.hpp"

namespace taskguard::testing {

// One expectation that did not hold, with how many outcomes its selection found.
struct FailedExpectation {
  const Expectation* expectation = nullptr;
  std::size_t matched = 0;
};

struct TestResult {
  const TestCase* test = nullptr;
  // Set when the test could not run (input did not load, an unknown parameter ...) or its
  // `load_error` expectation failed; then `failures` is empty.
  std::optional<std::string> error;
  std::vector<FailedExpectation> failures;
  std::vector<Outcome> outcomes;  // every outcome, for the diff and for coverage
  document::LoadedFile input;     // the task definitions the outcomes are about

  bool passed() const { return !error && failures.empty(); }
};

// A test that names a rule no program defines, or whose parameter no program declares, is a
// mistake in the test rather than a failing policy: reported as this, with the test file's
// file:line:col.
struct InvalidTest : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// True when the outcome is selected by every key of the expectation except `count`.
bool selects(const Expectation& expectation, const Outcome& outcome);

// Runs one test: its input is loaded, and the rules evaluated, within `limits`. Throws
// InvalidTest.
TestResult run_test(const TestCase& test,
                    const std::vector<std::shared_ptr<const program::Program>>& programs,
                    const limits::Limits& limits = {});

// Throws InvalidTest when an expectation names a rule that none of `programs` defines.
void check_rule_names(const TestFile& file,
                      const std::vector<std::shared_ptr<const program::Program>>& programs);

}  // namespace taskguard::testing
