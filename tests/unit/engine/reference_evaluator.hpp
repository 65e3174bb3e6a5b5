#pragma once
// A tree-walking evaluator over the checked AST: the executable statement of the language's
// semantics (docs/language.md, "Evaluation rules") that the compiler + VM are tested against.
// It shares the value model and the operators (interpreter/value) with the VM; everything the
// compiler decides statically (schema defaults, folding, short-circuit jumps, inlining, locations)
// is recomputed here at run time from the schema, the simple way.

#include <string>
#include <vector>

#include "interpreter/document/document.hpp"
#include "interpreter/outcome/outcome.hpp"
#include "language/checker/checked_program.hpp"
#include "language/program/parameters.hpp"

namespace taskguard::engine_test {

struct ReferenceOutcome {
  Status status;
  std::string message;
  std::string pointer;
};

std::vector<ReferenceOutcome> reference_evaluate(const checker::CheckedProgram& program,
                                                 std::size_t rule,
                                                 const document::TaskDefinition& task,
                                                 const ParameterValues& parameters = {});

}  // namespace taskguard::engine_test
