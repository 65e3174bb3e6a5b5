#pragma once
// The canonical layout of a policy file, printed from its AST with the comments put back where
// they were. Formatting is idempotent: format(format(x)) == format(x).
//
// Layout: `package`, then imports, then declarations, one blank line between groups; one
// annotation per line; two-space indentation inside rules, one clause per line; single spaces
// around binary operators; parentheses only where written or where precedence needs them; a list
// literal that spans several lines in the source is printed one item per line, with a trailing
// comma. Comments on their own line stay above what follows them; a comment at the end of a line
// stays at the end of that line.

#include <optional>
#include <string>
#include <string_view>

#include "language/ast/ast.hpp"
#include "language/diagnostics/diagnostic.hpp"

namespace taskguard::format {

// The canonical text of a module that parsed without errors.
std::string format_module(const ast::Module& module);

// Parses `text` and formats it; nullopt (with the syntax errors in `diagnostics`) if it does not
// parse.
std::optional<std::string> format_source(std::string_view text, const std::string& file,
                                         diagnostics::DiagnosticList& diagnostics);

// One expression in canonical form (for messages and documentation).
std::string format_expression(const ast::Expr& e);

}  // namespace taskguard::format
