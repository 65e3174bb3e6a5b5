#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/commands/explain.hpp"
#include "interpreter/driver/evaluate.hpp"
#include "interpreter/explain/trace.hpp"
#include "interpreter/loaders/load.hpp"
#include "language/compiler/compile.hpp"
#include "language/frontend/frontend.hpp"

using namespace taskguard;

namespace {

const std::string kSource = TASKGUARD_SOURCE_DIR;

}  // namespace

TEST_SUITE("authoring") {
  TEST_CASE("the tracing evaluator's verdicts equal the VM's on every pack fixture") {
    const std::string fixtures = kSource + "/policies/tests/fixtures";
    if (!std::filesystem::is_directory(fixtures)) {
      MESSAGE("no pack fixtures: skipped");
      return;
    }
    diagnostics::DiagnosticList diagnostics;
    auto checked = frontend::load_policies({kSource + "/policies"}, diagnostics);
    REQUIRE(checked.has_value());
    auto program = compiler::compile(*checked, diagnostics);
    REQUIRE(program != nullptr);
    std::size_t compared = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(fixtures)) {
      if (!entry.is_regular_file()) continue;
      const auto loaded = loaders::load_file(entry.path().string());
      if (loaded.task_definitions.empty()) continue;
      driver::EvaluationOptions options;
      options.threads = 1;
      const auto outcomes = driver::evaluate(*program, loaded.task_definitions, options);
      std::size_t next = 0;
      for (const auto& task : loaded.task_definitions) {
        for (std::size_t rule = 0; rule < checked->rules.size(); ++rule) {
          const auto trace = explain::trace_rule(*checked, rule, task);
          for (const auto& binding : trace.bindings) {
            REQUIRE(next < outcomes.size());
            const Outcome& vm = outcomes[next++];
            INFO(entry.path().string() << " " << trace.rule_id << " " << binding.message);
            CHECK(vm.rule->id == trace.rule_id);
            CHECK(status_name(vm.status) == std::string(status_name(binding.status)));
            CHECK(vm.location.pointer == binding.pointer);
            if (vm.status != Status::Pass) CHECK(vm.message == binding.message);
            ++compared;
          }
        }
      }
      CHECK(next == outcomes.size());
    }
    CHECK(compared > 100);
  }

  TEST_CASE("explain shows each evaluated sub-expression with its value and the data it read") {
    const auto dir = std::filesystem::temp_directory_path() / "taskguard-authoring-explain";
    std::filesystem::create_directories(dir);
    const auto input = dir / "task.json";
    {
      std::ofstream out(input);
      out << "{\"family\": \"app\",\n \"containerDefinitions\": [\n  {\"name\": \"web\", "
             "\"privileged\": true}]}\n";
    }
    cli::ExplainOptions options{
        "WRONG-001", input.string(), {kSource + "/tests/fixtures/authoring/wrong/privileged.tg"}};
    std::ostringstream out, errors;
    REQUIRE(cli::run_explain(options, out, errors) == 0);
    const std::string text = out.str();
    INFO(text);
    CHECK(text.find("c = /containerDefinitions/0 → pass at /containerDefinitions/0/privileged") !=
          std::string::npos);
    CHECK(text.find("c.privileged == false") != std::string::npos);
    CHECK(text.find("= false") != std::string::npos);
    CHECK(text.find("= true    [/containerDefinitions/0/privileged at " + input.string() + ":3:") !=
          std::string::npos);
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("explain without --policy, away from a policies folder, explains the default pack") {
    const auto dir = std::filesystem::temp_directory_path() / "taskguard-authoring-explain-pack";
    std::filesystem::create_directories(dir);
    const auto input = dir / "task.json";
    {
      std::ofstream out(input);
      out << "{\"family\": \"app\",\n \"containerDefinitions\": [{\"name\": \"web\"}]}\n";
    }
    const auto previous = std::filesystem::current_path();
    std::filesystem::current_path(dir);  // no ./policies here
    std::ostringstream out, errors;
    const int found = cli::run_explain({"TG-RUN-002", input.string(), {}}, out, errors);
    std::ostringstream unknown_out, unknown_errors;
    const int unknown =
        cli::run_explain({"ACME-404", input.string(), {}}, unknown_out, unknown_errors);
    std::filesystem::current_path(previous);
    std::filesystem::remove_all(dir);

    CHECK(found == 0);
    const std::string text = out.str();
    INFO(text, errors.str());
    CHECK(text.rfind("TG-RUN-002 linux-root-user:", 0) == 0);
    CHECK(text.find("(policies/isolation.tg:") != std::string::npos);
    CHECK(text.find("c = /containerDefinitions/0 → fail") != std::string::npos);
    CHECK(text.find("(user: not set)") != std::string::npos);
    CHECK(unknown == 2);
    CHECK(unknown_errors.str() ==
          "error: no rule 'ACME-404' in the default pack (give --policy for your own rules)\n");
  }
}
