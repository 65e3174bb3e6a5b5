#pragma once
// `taskguard test [PATHS]`: runs policy test files (*.tgtest.yaml, docs/testing-policies.md)
// and prints each failing expectation beside the outcomes the rule actually produced, then a
// last line `N passed, M failed` counting test cases.
//   exit 0  every test passed
//   exit 1  a test failed
//   exit 2  a test file or policy is invalid (reported with file:line:col)

#include <CLI/CLI.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace taskguard::cli {

struct TestOptions {
  // Test files or folders searched recursively for *.tgtest.yaml. Empty: policies/tests when
  // the current folder has a policies/ folder.
  std::vector<std::string> paths;
  // Policies under test. Empty (and no bundle): for each test file, the .tg files of the
  // nearest folder at or above it that holds any, else the default pack.
  std::vector<std::string> policies;
  std::optional<std::string> bundle;
  std::vector<std::string> filters;  // glob or substring on test names and rule ids/names
  bool coverage = false;
  std::string coverage_format = "text";  // or "json"
  bool color = false;
  std::vector<std::string> limit_flags;  // --limit NAME=VALUE, as for check
};

// Runs the tests; output on `out`, diagnostics on `errors`. Returns the exit code.
int run_tests(const TestOptions& options, std::ostream& out, std::ostream& errors);

// Adds the `test` subcommand to `app`; when it runs, its exit code is stored in `exit_code`.
void register_test(CLI::App& app, int& exit_code);

}  // namespace taskguard::cli
