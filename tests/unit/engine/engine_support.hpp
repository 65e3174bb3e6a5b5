#pragma once
// Test support: compile policy text and evaluate it on JSON task definitions.

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "interpreter/driver/evaluate.hpp"
#include "language/compiler/compile.hpp"
#include "language/program/program.hpp"
#include "tests/unit/engine/test_documents.hpp"
#include "tests/unit/engine/test_program.hpp"

namespace taskguard::engine_test {

struct Compiled {
  std::unique_ptr<checker::CheckedProgram> checked;
  std::shared_ptr<const program::Program> program;
};

inline Compiled compile_text(const std::string& source) {
  Compiled c;
  c.checked = resolve_source(source);
  diagnostics::DiagnosticList diagnostics;
  c.program = compiler::compile(*c.checked, diagnostics);
  if (!c.program) {
    for (const auto& d : diagnostics.items())
      MESSAGE(d.message);
  }
  REQUIRE(c.program != nullptr);
  return c;
}

// Outcomes of every rule in `source` on one task definition (JSON text).
inline std::vector<Outcome> run(const std::string& source, const std::string& task_json,
                                driver::EvaluationOptions options = {}) {
  Compiled c = compile_text(source);
  Documents documents;
  std::vector<document::TaskDefinition> tasks{documents.add(task_json)};
  options.threads = options.threads == 0 ? 1 : options.threads;
  return driver::evaluate(c.program, tasks, options);
}

inline std::vector<Status> statuses(const std::vector<Outcome>& outcomes) {
  std::vector<Status> out;
  for (const Outcome& o : outcomes)
    out.push_back(o.status);
  return out;
}

// The status of the single outcome of `deny <condition>` over a fixed document.
inline Status deny_status(const std::string& condition, const std::string& task_json) {
  auto outcomes = run("rule r {\n  deny " + condition + "\n}\n", task_json);
  REQUIRE(outcomes.size() == 1);
  return outcomes[0].status;
}

}  // namespace taskguard::engine_test
