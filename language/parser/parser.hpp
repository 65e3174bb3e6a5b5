#pragma once
// Parsing one policy file into its AST.

#include <memory>
#include <string>
#include <string_view>

#include "language/ast/ast.hpp"
#include "language/diagnostics/diagnostic.hpp"

namespace taskguard::parser {

// Parses `text` (the contents of `file`). Syntax errors are added to `diagnostics`; after one,
// the parser skips to the next line that starts a declaration and goes on, so one run reports
// every independent error. The module holds every declaration that parsed; it is only fit to
// check or format when no error was reported.
std::unique_ptr<ast::Module> parse(std::string_view text, const std::string& file,
                                   diagnostics::DiagnosticList& diagnostics);

}  // namespace taskguard::parser
