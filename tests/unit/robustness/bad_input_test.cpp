// tests/bad-input/ end to end: one `taskguard check` over every bad file at once, plus the hostile
// inputs that cannot live in git (a 100,000-deep array, a symbolic-link loop, an unreadable
// file), plus one good file. Each bad file gets its exact error; the good file is still checked;
// the run exits 3. tests/bad-input/README.md lists the same expectations for people.

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "tests/e2e/cli_runner.hpp"

using namespace taskguard;

namespace {

namespace fs = std::filesystem;

// The inputs made at test time, in a fresh folder.
struct GeneratedInputs {
  std::string dir = e2e::scratch_dir();

  GeneratedInputs() {
    std::ofstream(dir + "/deep-array.json")
        << std::string(100'000, '[') << std::string(100'000, ']');
    fs::create_directory(dir + "/loop");
    fs::create_directory_symlink("..", dir + "/loop/parent");
    fs::create_symlink("self.json", dir + "/loop/self.json");
    std::ofstream(dir + "/unreadable.json") << "{}";
    chmod((dir + "/unreadable.json").c_str(), 0);
  }
  ~GeneratedInputs() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

// "line:col: message" (or "message"), then " [warning]" for a warning.
std::string describe(const nlohmann::json& error) {
  std::string text;
  if (!error["line"].is_null()) {
    text = std::to_string(error["line"].get<int>()) + ":" +
           std::to_string(error["column"].get<int>()) + ": ";
  }
  text += error["message"].get<std::string>();
  if (!error["fatal"].get<bool>()) text += " [warning]";
  return text;
}

const std::string kRaise = "; raise it with --limit ";

}  // namespace

TEST_SUITE("robustness") {
  TEST_CASE(
      "taskguard check over tests/bad-input: every file its exact error, the rest still checked") {
    const GeneratedInputs generated;
    const e2e::Run run = e2e::run_cli("check --format json tests/bad-input '" + generated.dir +
                                          "' examples/api/clean-web-service.json",
                                      TASKGUARD_SOURCE_DIR, "NO_COLOR=1");
    INFO(run.err);
    CHECK(run.exit_code == 3);
    const nlohmann::json report = nlohmann::json::parse(run.out);

    std::map<std::string, std::vector<std::string>> errors;
    for (const nlohmann::json& e : report["errors"]) {
      std::string file = e["file"].get<std::string>();
      if (file.rfind(generated.dir, 0) == 0) file = "GENERATED" + file.substr(generated.dir.size());
      errors[file].push_back(describe(e));
    }
    const std::string bad = "tests/bad-input/";
    std::map<std::string, std::vector<std::string>> expected = {
        {bad + "alias-bomb.yaml",
         {"2:8: the document expands to more than 1000000 nodes (aliases repeating aliases?) "
          "(limit yaml-nodes=1000000" +
          kRaise + "yaml-nodes=N or `limits:` in .taskguard.yaml)"}},
        {bad + "binary.json", {"1:3: binary content (a NUL byte): not a JSON or YAML document"}},
        {bad + "cloudformation-properties-not-object.yaml",
         {"5:17: resource Task: Properties of an AWS::ECS::TaskDefinition must be an object (a map "
          "of properties), not a string"}},
        {bad + "duplicate-keys.json",
         {"3:3: duplicate key \"family\": the last value is used [warning]"}},
        {bad + "empty.json", {"no content: the file is empty"}},
        {bad + "huge-number.json",
         {"3:13: number 1e999 is out of range (larger than a double can hold)"}},
        {bad + "invalid-utf8.json",
         {"2:17: syntax error while parsing value - invalid string: ill-formed UTF-8 byte; last "
          "read: '\"caf\\xE9\"'"}},
        {bad + "nan-literal.json",
         {"3:10: syntax error while parsing value - invalid literal; last read: '\"cpu\": N'"}},
        {bad + "terraform-container-definitions-not-json.json",
         {"13:38: in container_definitions (at 1:40 of the decoded JSON text): syntax error while "
          "parsing object key - unexpected '}'; expected string literal [warning]"}},
        {bad + "truncated.json",
         {"5:1: syntax error while parsing object - unexpected end of input; expected '}'"}},
        {bad + "unknown-tag.yaml",
         {"6:15: unknown tag !Custom: the value is read as if it had none [warning]"}},
        {"GENERATED/deep-array.json",
         {"1:257: nesting deeper than 256 levels (limit nesting-depth=256" + kRaise +
          "nesting-depth=N or `limits:` in .taskguard.yaml)"}},
        {"GENERATED/loop/parent",
         {"symbolic-link loop: this directory was already visited; skipped [warning]"}},
        {"GENERATED/loop/self.json",
         {"symbolic-link loop: the link cannot be resolved; skipped [warning]"}},
    };
    // Root reads any file whatever its mode: the unreadable case can only be seen as a user.
    if (geteuid() != 0) {
      expected["GENERATED/unreadable.json"] = {"cannot read: Permission denied"};
    } else {
      MESSAGE("running as root: the unreadable-file case is skipped (root can read it)");
      errors.erase("GENERATED/unreadable.json");  // `{}` holds no task definition: a warning
    }
    for (const auto& [file, messages] : expected) {
      INFO(file);
      CHECK(errors[file] == messages);
    }
    for (const auto& [file, messages] : errors) {
      INFO(file);
      CHECK_MESSAGE(expected.count(file) == 1, "unexpected errors: " << messages.front());
    }

    // Files that loaded (with or without warnings) are still evaluated and reported.
    std::set<std::string> evaluated;
    for (const nlohmann::json& o : report["outcomes"])
      evaluated.insert(o["file"].get<std::string>());
    CHECK(evaluated == std::set<std::string>{
                           "examples/api/clean-web-service.json",
                           bad + "byte-order-mark.json",
                           bad + "duplicate-keys.json",
                           bad + "terraform-container-definitions-not-json.json",
                           bad + "unknown-tag.yaml",
                       });
  }

  TEST_CASE("duplicate keys: the last value is the one checked") {
    const e2e::Run run =
        e2e::run_cli("normalize tests/bad-input/duplicate-keys.json", TASKGUARD_SOURCE_DIR);
    CHECK(run.exit_code == 0);
    CHECK(nlohmann::json::parse(run.out)["taskDefinition"]["family"] == "second");
    CHECK(run.err ==
          "tests/bad-input/duplicate-keys.json:3:3: warning: duplicate key \"family\": the last "
          "value is used\n");
  }

  TEST_CASE("a byte-order mark is skipped and positions count from the character after it") {
    const e2e::Run run = e2e::run_cli("normalize --locations tests/bad-input/byte-order-mark.json",
                                      TASKGUARD_SOURCE_DIR);
    CHECK(run.exit_code == 0);
    CHECK(run.err.empty());
    const nlohmann::json line = nlohmann::json::parse(run.out);
    CHECK(line["taskDefinition"]["family"] == "with-bom");
    CHECK(line["locations"]["/family"] == "2:13");
  }

  TEST_CASE(
      "--limit on the command line raises a limit for that run; a misspelt name is a usage error") {
    const GeneratedInputs generated;
    const std::string deep = "'" + generated.dir + "/deep-array.json'";
    CHECK(e2e::run_cli("normalize " + deep).exit_code == 3);
    const e2e::Run misspelt = e2e::run_cli("normalize --limit nesting-dept=10 " + deep);
    CHECK(misspelt.exit_code == 2);
    CHECK(misspelt.err.find("unknown limit 'nesting-dept'") != std::string::npos);
    CHECK(misspelt.err.find("did you mean `nesting-depth`?") != std::string::npos);
    const e2e::Run checked = e2e::run_cli("check --limit nesting-dept=10 " + deep);
    CHECK(checked.exit_code == 2);
    CHECK(checked.err.find("did you mean `nesting-depth`?") != std::string::npos);
    // Lowered: the good file goes past the string limit.
    const e2e::Run lowered =
        e2e::run_cli("normalize --limit string-bytes=8 examples/api/clean-web-service.json");
    CHECK(lowered.exit_code == 3);
    CHECK(lowered.err.find("examples/api/clean-web-service.json:2:13: error: a string of 10 bytes "
                           "(limit string-bytes=8;") == 0);
  }
}
