#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli/commands/test.hpp"

using namespace taskguard;

namespace {

const std::string kSource = TASKGUARD_SOURCE_DIR;
const std::string kWrong = kSource + "/tests/fixtures/authoring/wrong";

struct Run {
  int exit_code;
  std::string out;
  std::string errors;
};

Run run(cli::TestOptions options) {
  std::ostringstream out;
  std::ostringstream errors;
  const int code = cli::run_tests(options, out, errors);
  return {code, out.str(), errors.str()};
}

std::string last_line(const std::string& text) {
  const auto end = text.find_last_not_of('\n');
  const auto start = text.rfind('\n', end);
  return text.substr(start == std::string::npos ? 0 : start + 1,
                     end - (start == std::string::npos ? 0 : start + 1) + 1);
}

}  // namespace

TEST_SUITE("authoring") {
  TEST_CASE("a deliberately wrong policy fails its tests with a readable diff") {
    cli::TestOptions options;
    options.paths = {kWrong + "/tests"};
    const Run r = run(options);
    CHECK(r.exit_code == 1);
    CHECK(r.errors == "");
    const std::string file = kWrong + "/tests/privileged.tgtest.yaml";
    const std::string expected =
        "FAIL " + file +
        ":4: privileged container fails\n"
        "  line 10: expected WRONG-001 fail count=1 pointer=/containerDefinitions/0/privileged "
        "message~\"'web' runs privileged\"\n"
        "    expected: 1 outcome              actual: 0 outcomes\n"
        "    WRONG-001 produced:\n"
        "      doc 0  pass            /containerDefinitions/0/privileged (line 8)\n"
        "FAIL " +
        file +
        ":12: unprivileged container passes\n"
        "  line 18: expected privileged-container pass count=1\n"
        "    expected: 1 outcome              actual: 0 outcomes\n"
        "    privileged-container produced:\n"
        "      doc 0  fail            /containerDefinitions/0/privileged (line 16)  \"container "
        "'web' runs "
        "privileged\"\n"
        "  line 19: expected privileged-container fail count=0\n"
        "    expected: 0 outcomes             actual: 1 outcome\n"
        "    privileged-container produced:\n"
        "      doc 0  fail            /containerDefinitions/0/privileged (line 16)  \"container "
        "'web' runs "
        "privileged\"\n"
        "1 passed, 2 failed\n";
    CHECK(r.out == expected);
  }

  TEST_CASE("--filter keeps tests by name or by the rule their expectations name") {
    cli::TestOptions options;
    options.paths = {kWrong + "/tests/privileged.tgtest.yaml"};
    options.filters = {"not applicable"};
    Run r = run(options);
    CHECK(r.exit_code == 0);
    CHECK(last_line(r.out) == "1 passed, 0 failed");

    options.filters = {"*unprivileged*"};
    r = run(options);
    CHECK(r.exit_code == 1);
    CHECK(last_line(r.out) == "0 passed, 1 failed");
  }

  TEST_CASE("a test naming a rule no policy defines is an error, not a failure") {
    const auto dir = std::filesystem::temp_directory_path() / "taskguard-authoring-badrule";
    std::filesystem::create_directories(dir);
    std::filesystem::copy_file(kWrong + "/privileged.tg", dir / "privileged.tg",
                               std::filesystem::copy_options::overwrite_existing);
    const auto test_file = dir / "bad.tgtest.yaml";
    {
      std::ofstream out(test_file);
      out << "tests:\n  - name: typo\n    document: {containerDefinitions: []}\n"
             "    expect:\n      - {rule: WRONG-01, status: fail}\n";
    }
    cli::TestOptions options;
    options.paths = {test_file.string()};
    const Run r = run(options);
    CHECK(r.exit_code == 2);
    CHECK(r.errors.find(test_file.string() +
                        ":5:9: error: no loaded policy defines a rule 'WRONG-01'") !=
          std::string::npos);
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("--limit applies to the tests' inputs and rules, as it does for check") {
    cli::TestOptions options;
    options.paths = {kWrong + "/tests"};
    options.limit_flags = {"string-bytes=2"};  // every image name is longer
    const Run limited = run(options);
    CHECK(limited.exit_code == 1);
    CHECK(limited.out.find("the input did not load") != std::string::npos);
    CHECK(limited.out.find("string-bytes=2") != std::string::npos);

    options.limit_flags = {"vm-stepz=10"};
    const Run typo = run(options);
    CHECK(typo.exit_code == 2);
    CHECK(typo.errors.find("taskguard test: ") == 0);
    CHECK(typo.errors.find("vm-steps") != std::string::npos);  // did you mean
  }

  TEST_CASE("the shipped pack passes its own tests with every rule covered") {
    if (!std::filesystem::is_directory(kSource + "/policies/tests")) {
      MESSAGE("no policies/tests: skipped");
      return;
    }
    cli::TestOptions options;
    options.paths = {kSource + "/policies/tests"};
    options.coverage = true;
    options.coverage_format = "json";
    const Run r = run(options);
    CHECK_MESSAGE(r.exit_code == 0, (r.out + r.errors));
    CHECK(last_line(r.out).ends_with(" passed, 0 failed"));
    CHECK(r.out.find("\"percent\": 100.0") != std::string::npos);
  }
}
