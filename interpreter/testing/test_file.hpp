#pragma once
// Policy test files (`*.tgtest.yaml`, docs/testing-policies.md): task definitions paired with
// the outcomes a person decided they must produce. This is the file model and its reader; the
// runner (runner.hpp) evaluates them.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/outcome/outcome.hpp"
#include "language/program/parameters.hpp"

namespace taskguard::testing {

// A place in a test file, 1-based, for messages that point the author at the line to fix.
struct SourceRef {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

// Selects outcomes (every given key narrows) and asserts how many there are.
struct Expectation {
  SourceRef where;
  std::string rule;  // rule id or rule name
  Status status = Status::Fail;
  std::optional<std::size_t> count;  // absent: at least one
  std::optional<std::string> pointer;
  std::optional<std::string> message;  // substring
  std::optional<std::size_t> document_index;
  std::optional<std::uint32_t> line;
};

// The input of a test: text to load and the name the loader and locations call it. An inline
// mapping is cut out of the test file with everything else blanked, so its line and column
// numbers are those of the test file.
struct TestInput {
  std::string display_name;
  std::string text;
  bool from_file = false;  // `file:` (loaded as `taskguard check` loads it) or inline
};

struct TestCase {
  SourceRef where;
  std::string name;
  TestInput input;
  ParameterValues params;              // file-level params merged with the test's own
  std::optional<std::string> waivers;  // waiver file, resolved against the test file's folder
  std::optional<std::string> load_error;
  std::vector<Expectation> expect;
};

struct TestFile {
  std::string path;
  std::vector<TestCase> tests;
};

// An invalid test file. what() starts with file:line:col.
struct TestFileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Parses a test file's text; `path` names it and anchors relative `file:` and `waivers:` paths.
// Fixtures named by `file:` are read here, so a missing fixture is a TestFileError.
TestFile parse_test_file(std::string_view text, const std::string& path);

// Reads and parses; throws TestFileError (also for an unreadable file).
TestFile read_test_file(const std::string& path);

// True for names ending in .tgtest.yaml or .tgtest.yml.
bool is_test_file_name(std::string_view path);

// Parses a status name as tests write it ("pass", "not_applicable", ...).
std::optional<Status> parse_status(std::string_view text);

}  // namespace taskguard::testing
