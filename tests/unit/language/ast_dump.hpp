#pragma once
// A compact S-expression view of the AST for tests: `(member (name task) networkMode)`.

#include <string>

#include "language/ast/ast.hpp"

namespace taskguard::test {

std::string dump(const ast::Expr& e);
std::string dump(const ast::Rule& r);

}  // namespace taskguard::test
