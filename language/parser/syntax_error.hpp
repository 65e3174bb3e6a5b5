#pragma once
// A syntax error found while parsing: thrown by the error control and by the few actions that
// reject something the grammar accepted, caught by the parser, which reports it and resumes.

#include <string>

#include "language/ast/ast.hpp"

namespace taskguard::parser {

struct SyntaxError {
  std::string message;
  ast::SourceRange range;
  std::string hint;
};

}  // namespace taskguard::parser
