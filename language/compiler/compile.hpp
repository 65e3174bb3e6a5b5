#pragma once
// The compiler's entry point: checked program in, immutable Program out.

#include <memory>

#include "language/checker/checked_program.hpp"
#include "language/diagnostics/diagnostic.hpp"
#include "language/program/program.hpp"

namespace taskguard::compiler {

// Lowers every rule of `checked` to verified bytecode. Returns nullptr, with at least one error
// in `diagnostics`, when the program cannot be compiled (for example a parameter whose default
// is not a constant).
std::shared_ptr<const program::Program> compile(const checker::CheckedProgram& checked,
                                                diagnostics::DiagnosticList& diagnostics);

}  // namespace taskguard::compiler
