#pragma once
// How each operator is written in source: shared by the parser's messages, the checker's
// diagnostics and the formatter, so the three can never disagree.

#include <string>

#include "language/ast/ast.hpp"

namespace taskguard::ast {

std::string operator_text(BinaryOp op);

}  // namespace taskguard::ast
