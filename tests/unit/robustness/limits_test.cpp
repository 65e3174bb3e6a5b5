// Every resource limit: going past it gives the exact message (the limit's name, its value and
// how to raise it, at the place in the file where there is one), and raising it lets the same
// input through.

#include <doctest/doctest.h>

#include <re2/re2.h>

#include <sstream>

#include "cli/config/config_file.hpp"
#include "cli/config/limit_settings.hpp"
#include "interpreter/loaders/load.hpp"
#include "language/frontend/frontend.hpp"
#include "stdlib/limits/limits.hpp"
#include "stdlib/text/regex.hpp"
#include "tests/unit/engine/engine_support.hpp"

using namespace taskguard;

namespace {

constexpr const char* kTask =
    R"({"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx"}]})";

std::string how_to_raise(const std::string& name, std::uint64_t value) {
  return " (limit " + name + "=" + std::to_string(value) + "; raise it with --limit " + name +
         "=N or `limits:` in .taskguard.yaml)";
}

// The one fatal error of a load, as "line:col: message" (or "message" without a place).
std::string fatal_error(const document::LoadedFile& f) {
  std::string found;
  for (const auto& e : f.errors) {
    if (!e.fatal) continue;
    REQUIRE_MESSAGE(found.empty(), "a second fatal error: " << e.message);
    found = e.pos.known()
                ? std::to_string(e.pos.line) + ":" + std::to_string(e.pos.column) + ": " + e.message
                : e.message;
  }
  return found;
}

bool has_fatal_error(const document::LoadedFile& f) {
  for (const auto& e : f.errors) {
    if (e.fatal) return true;
  }
  return false;
}

limits::Limits with(const std::string& name, const std::string& value) {
  limits::Limits l;
  const auto problem = limits::set(l, name, value);
  REQUIRE_MESSAGE(!problem, *problem);
  return l;
}

// Restores the process-wide regex limit whatever the test does.
struct RegexLimitGuard {
  std::uint64_t saved = text::regex_program_limit();
  ~RegexLimitGuard() { text::set_regex_program_limit(saved); }
};

}  // namespace

TEST_SUITE("robustness") {
  TEST_CASE("the catalogue names every limit once, with a default and a reason") {
    const limits::Limits defaults;
    std::set<std::string_view> seen;
    for (const limits::LimitInfo& info : limits::catalogue()) {
      CHECK(seen.insert(info.name).second);
      CHECK(defaults.*(info.field) > 0);
      CHECK(!info.defends.empty());
      CHECK(limits::find(info.name) == &info);
    }
    CHECK(seen.size() == 9);
    CHECK(defaults.nesting_depth == 256);
    CHECK(defaults.vm_steps == 1'000'000);
  }

  TEST_CASE("limits are set by name, with size suffixes, and refused when malformed") {
    limits::Limits l;
    CHECK(!limits::set(l, "input-file-bytes", "2M"));
    CHECK(l.input_file_bytes == 2u << 20);
    CHECK(!limits::set(l, "string-bytes=512"));
    CHECK(l.string_bytes == 512);
    CHECK(*limits::set(l, "nesting-depth", "0") ==
          "limit nesting-depth must be a whole number above 0 (K, M, G suffixes allowed), not '0'");
    CHECK(
        *limits::set(l, "nesting-depth", "-3") ==
        "limit nesting-depth must be a whole number above 0 (K, M, G suffixes allowed), not '-3'");
    CHECK(*limits::set(l, "nesting-depth", "100000") ==
          "limit nesting-depth cannot be above 4096 levels");
    CHECK(*limits::set(l, "vm-steps") == "--limit takes NAME=VALUE, not 'vm-steps'");
    CHECK(limits::set(l, "depth", "3")
              ->rfind("unknown limit 'depth': the limits are input-file-bytes, ", 0) == 0);
    CHECK(l.nesting_depth == 256);
  }

  TEST_CASE("--limit: later assignments win; a misspelt name suggests the right one") {
    const limits::Limits l =
        config::resolve_limits({"vm-steps=10", "vm-steps=20", "yaml-nodes=1K"});
    CHECK(l.vm_steps == 20);
    CHECK(l.yaml_nodes == 1024);
    try {
      (void)config::resolve_limits({"nesting-dept=10"});
      FAIL("a misspelt limit was accepted");
    } catch (const config::LimitError& e) {
      CHECK(std::string(e.what()).find("unknown limit 'nesting-dept'") == 0);
      CHECK(std::string(e.what()).find("did you mean `nesting-depth`?") != std::string::npos);
    }
  }

  TEST_CASE(".taskguard.yaml: a limits map, checked where it is written") {
    const config::CheckSettings s =
        config::parse_config("limits:\n  nesting-depth: 512\n  vm-steps: 5M\n", "cfg.yaml", ".");
    CHECK(s.limit_flags == std::vector<std::string>{"nesting-depth=512", "vm-steps=5M"});
    const limits::Limits l = config::resolve_limits(s.limit_flags);
    CHECK(l.nesting_depth == 512);
    CHECK(l.vm_steps == 5u << 20);
    try {
      (void)config::parse_config("limits:\n  vm-step: 5\n", "cfg.yaml", ".");
      FAIL("a misspelt limit was accepted");
    } catch (const config::ConfigError& e) {
      CHECK(std::string(e.what()).rfind("cfg.yaml:2:3: unknown limit 'vm-step'", 0) == 0);
      CHECK(std::string(e.what()).find("did you mean `vm-steps`?") != std::string::npos);
    }
    // The flags come after the file's, so they win.
    config::CheckSettings flags;
    flags.limit_flags = {"nesting-depth=300"};
    CHECK(config::resolve_limits(config::merge(s, flags).limit_flags).nesting_depth == 300);
  }

  TEST_CASE("input-file-bytes") {
    const std::string text = kTask;
    CHECK(fatal_error(loaders::load_text(text, "big.json", with("input-file-bytes", "40"))) ==
          "the file is " + std::to_string(text.size()) + " bytes" +
              how_to_raise("input-file-bytes", 40));
    const auto raised = loaders::load_text(text, "big.json", with("input-file-bytes", "1K"));
    CHECK(!has_fatal_error(raised));
    CHECK(raised.task_definitions.size() == 1);
  }

  TEST_CASE("input-file-bytes: load_file refuses a large file before reading it") {
    const std::string path = TASKGUARD_SOURCE_DIR "/examples/api/clean-web-service.json";
    const auto size = std::filesystem::file_size(path);
    CHECK(fatal_error(loaders::load_file(path, with("input-file-bytes", "100"))) ==
          "the file is " + std::to_string(size) + " bytes" + how_to_raise("input-file-bytes", 100));
    CHECK(loaders::load_file(path).task_definitions.size() == 1);
  }

  TEST_CASE("nesting-depth, JSON and YAML") {
    const std::string json = R"({"family": "x", "containerDefinitions": [[[[[1]]]]]})";
    CHECK(fatal_error(loaders::load_text(json, "deep.json", with("nesting-depth", "4"))) ==
          "1:44: nesting deeper than 4 levels" + how_to_raise("nesting-depth", 4));
    CHECK(!has_fatal_error(loaders::load_text(json, "deep.json", with("nesting-depth", "6"))));
    const std::string yaml = "family: x\ncontainerDefinitions:\n  - - - - 1\n";
    CHECK(fatal_error(loaders::load_text(yaml, "deep.yaml", with("nesting-depth", "3"))) ==
          "3:7: nesting deeper than 3 levels" + how_to_raise("nesting-depth", 3));
    CHECK(!has_fatal_error(loaders::load_text(yaml, "deep.yaml", with("nesting-depth", "5"))));
  }

  TEST_CASE("string-bytes, values and keys, JSON and YAML") {
    const std::string json =
        R"({"family": "a-family-name-of-40-characters-exactly-x", "containerDefinitions": []})";
    CHECK(fatal_error(loaders::load_text(json, "s.json", with("string-bytes", "32"))) ==
          "1:12: a string of 40 bytes" + how_to_raise("string-bytes", 32));
    CHECK(!has_fatal_error(loaders::load_text(json, "s.json", with("string-bytes", "40"))));
    CHECK(fatal_error(loaders::load_text(json, "s.json", with("string-bytes", "5"))) ==
          "1:2: a string of 6 bytes" + how_to_raise("string-bytes", 5));
    const std::string yaml = "family: a-family-name-of-40-characters-exactly-x\n";
    CHECK(fatal_error(loaders::load_text(yaml, "s.yaml", with("string-bytes", "32"))) ==
          "1:9: a string of 40 bytes" + how_to_raise("string-bytes", 32));
  }

  TEST_CASE("task-definitions-per-file") {
    const std::string three = std::string("[") + kTask + ",\n" + kTask + ",\n" + kTask + "]";
    const auto refused =
        loaders::load_text(three, "many.json", with("task-definitions-per-file", "2"));
    CHECK(fatal_error(refused) == "3:1: more than 2 task definitions in one file" +
                                      how_to_raise("task-definitions-per-file", 2));
    CHECK(refused.task_definitions.empty());
    CHECK(loaders::load_text(three, "many.json", with("task-definitions-per-file", "3"))
              .task_definitions.size() == 3);
  }

  TEST_CASE("ndjson-line-bytes, whole and streamed") {
    const std::string lines = std::string(kTask) + "\n" + kTask + R"(  )" + "\n" + kTask + "\n";
    const std::size_t long_line = std::string(kTask).size() + 2;
    const limits::Limits tight = with("ndjson-line-bytes", std::to_string(long_line - 1));
    const std::string expected = "2:1: a line of " + std::to_string(long_line) + " bytes" +
                                 how_to_raise("ndjson-line-bytes", long_line - 1);
    const auto whole = loaders::load_text(lines, "s.ndjson", tight);
    CHECK(fatal_error(whole) == expected);
    CHECK(whole.task_definitions.size() == 2);  // the other lines are still read

    std::istringstream in(lines);
    std::vector<std::string> errors;
    std::size_t task_definitions = 0;
    const std::size_t count = loaders::load_ndjson_stream(
        in, "s.ndjson", 2,
        [&](document::LoadedFile&& batch) {
          task_definitions += batch.task_definitions.size();
          if (has_fatal_error(batch)) errors.push_back(fatal_error(batch));
        },
        tight);
    CHECK(count == 3);
    CHECK(errors == std::vector<std::string>{expected});
    CHECK(task_definitions == 2);
    CHECK(
        loaders::load_text(lines, "s.ndjson", with("ndjson-line-bytes", std::to_string(long_line)))
            .task_definitions.size() == 3);
  }

  TEST_CASE("yaml-nodes: aliases expanding past the limit") {
    const std::string yaml =
        "a: &a [1, 2, 3, 4]\nb: &b [*a, *a, *a, *a]\ncontainerDefinitions: [*b, *b, *b, *b]\n";
    CHECK(fatal_error(loaders::load_text(yaml, "bomb.yaml", with("yaml-nodes", "50"))) ==
          "1:4: the document expands to more than 50 nodes (aliases repeating aliases?)" +
              how_to_raise("yaml-nodes", 50));
    CHECK(!has_fatal_error(loaders::load_text(yaml, "bomb.yaml", with("yaml-nodes", "200"))));
  }

  TEST_CASE("policy-source-bytes") {
    const std::string source =
        "@id(\"T-1\")\n@title(\"t\")\n@severity(low)\nrule r {\n  deny task.family == \"x\"\n}\n";
    diagnostics::DiagnosticList refused;
    CHECK(!frontend::load_sources({{"big.tg", source}}, refused, nullptr,
                                  with("policy-source-bytes", "10")));
    REQUIRE(refused.items().size() == 1);
    CHECK(refused.items()[0].file == "big.tg");
    CHECK(refused.items()[0].message == "the policy file is " + std::to_string(source.size()) +
                                            " bytes" + how_to_raise("policy-source-bytes", 10));
    diagnostics::DiagnosticList accepted;
    CHECK(frontend::load_sources({{"big.tg", source}}, accepted, nullptr,
                                 with("policy-source-bytes", "1K")));
  }

  TEST_CASE("vm-steps: a rule that runs out is an error outcome, not a hang") {
    const std::string rule =
        "rule r {\n  for c in task.containerDefinitions\n  deny c.privileged\n}\n";
    std::string task = R"({"family": "x", "containerDefinitions": [)";
    for (int i = 0; i < 200; ++i)
      task += std::string(i == 0 ? "" : ",") + R"({"name": "c)" + std::to_string(i) + R"("})";
    task += "]}";
    driver::EvaluationOptions tight;
    tight.step_budget = with("vm-steps", "100").vm_steps;
    const auto stopped = engine_test::run(rule, task, tight);
    REQUIRE(!stopped.empty());
    CHECK(stopped.back().status == Status::Error);
    CHECK(stopped.back().message ==
          "r: evaluation stopped after 100 steps (the step budget); the document is too large for "
          "this rule" +
              how_to_raise("vm-steps", 100));
    driver::EvaluationOptions raised;
    raised.step_budget = with("vm-steps", "100K").vm_steps;
    for (const Outcome& o : engine_test::run(rule, task, raised))
      CHECK(o.status == Status::Pass);
  }

  TEST_CASE("regex-program-bytes: one bound for every pattern the engine compiles") {
    RegexLimitGuard guard;
    const std::string pattern = "(abc|def){1,200}x{1,100}";
    text::set_regex_program_limit(4096);
    const auto refused = text::compile_re2(pattern);
    CHECK(!refused->ok());
    CHECK(text::regex_error(*refused) == "the regular expression compiles to too large a program" +
                                             how_to_raise("regex-program-bytes", 4096));
    diagnostics::DiagnosticList diagnostics;
    CHECK(!frontend::load_sources(
        {{"re.tg", "rule r {\n  deny task.family matches /" + pattern + "/\n}\n"}}, diagnostics));
    REQUIRE(!diagnostics.items().empty());
    CHECK(diagnostics.items()[0].message ==
          "invalid regular expression: the regular expression compiles to too large a program" +
              how_to_raise("regex-program-bytes", 4096));
    text::set_regex_program_limit(with("regex-program-bytes", "8M").regex_program_bytes);
    CHECK(text::compile_re2(pattern)->ok());
  }

  TEST_CASE("a program's regexes compile on first use, and one RE2 refuses then is an error") {
    RegexLimitGuard guard;
    const std::string pattern = "(abc|def){1,200}x{1,100}";
    // Compiled (syntax checked) under the default limit, run under a lower one: the limit
    // applies when the pattern is first used, and only the rule that uses it reports an error.
    const auto compiled =
        engine_test::compile_text("rule uses_it {\n  deny task.family matches /" + pattern +
                                  "/\n}\n" + "rule other {\n  deny task.family == \"x\"\n}\n");
    text::set_regex_program_limit(4096);
    engine_test::Documents documents;
    std::vector<document::TaskDefinition> tasks{documents.add(R"({"family": "web"})")};
    driver::EvaluationOptions options;
    options.threads = 1;
    const auto outcomes = driver::evaluate(compiled.program, tasks, options);
    REQUIRE(outcomes.size() == 2);
    CHECK(outcomes[0].status == Status::Error);
    CHECK(outcomes[0].message.find("invalid regular expression /" + pattern +
                                   "/: the regular expression compiles to too large a program") !=
          std::string::npos);
    CHECK(outcomes[1].status == Status::Pass);
  }
}
