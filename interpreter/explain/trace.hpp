#pragma once
// Why a rule says what it says: a tree-walking evaluator over the checked AST that records every
// sub-expression it evaluates, with its value and the document data it read. It follows the
// language's evaluation rules (docs/language.md) with the VM's value model and operators, so its
// verdicts equal the VM's (tests/unit/authoring checks this on the pack's fixtures); it is slow
// and meant for one rule on one document at a time, for authors, never for checks.

#include <cstdint>
#include <string>
#include <vector>

#include "interpreter/document/document.hpp"
#include "interpreter/outcome/outcome.hpp"
#include "language/checker/checked_program.hpp"
#include "language/program/parameters.hpp"

namespace taskguard::explain {

enum class Truth : std::uint8_t { True, False, Unknown, NotBoolean };

// One evaluated sub-expression. Steps are in evaluation order; `depth` nests an expression's
// operands under it.
struct Step {
  std::uint32_t depth = 0;
  std::string file;  // policy file
  ast::SourceRange range;
  std::string value;  // as interpolation shows it: true, "web", <unknown>, null ...
  Truth truth = Truth::NotBoolean;
  // For document values: where the value was read ("/containerDefinitions/0/privileged at
  // task.json:7:9"); for defaults: "default (absent from the document)".
  std::string read;
  // A condition for coverage: a `when` guard, the verdict condition, or an operand of and/or.
  bool decision = false;
};

// One complete binding of the rule's `for` clauses (or the point where evaluation stopped).
struct BindingTrace {
  std::vector<std::string> bindings;  // "c = /containerDefinitions/0"
  Status status = Status::Pass;
  std::string message;
  std::string pointer;
  std::vector<Step> steps;
};

struct RuleTrace {
  std::string rule_id;
  std::string rule_name;
  std::vector<BindingTrace> bindings;  // one per outcome, in outcome order
};

// Evaluates rule `rule` (an index into program.rules) on `task`, recording every step.
RuleTrace trace_rule(const checker::CheckedProgram& program, std::size_t rule,
                     const document::TaskDefinition& task, const ParameterValues& parameters = {});

}  // namespace taskguard::explain
