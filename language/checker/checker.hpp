#pragma once
// The checker: the phase between parsing and compiling. It resolves every name, types every
// expression against the task-definition schema, validates rule metadata and reports, with
// file:line:col and a hint, everything that would make a rule wrong before it ever runs.

#include <memory>
#include <optional>
#include <vector>

#include "language/ast/ast.hpp"
#include "language/checker/checked_program.hpp"
#include "language/diagnostics/diagnostic.hpp"
#include "stdlib/schema/schema.hpp"

namespace taskguard::checker {

// Checks every module compiled together (imports resolve among them). Returns the program when
// no error was found (warnings allowed); every finding is added to `diagnostics`.
std::optional<CheckedProgram> check(std::vector<std::unique_ptr<ast::Module>> modules,
                                    const schema::Schema& schema,
                                    diagnostics::DiagnosticList& diagnostics);

}  // namespace taskguard::checker
