#pragma once
// What the semantic actions build while the grammar runs: the module, plus the stacks that turn
// a flat sequence of matched rules into a tree. Kept apart from the actions so that the error
// control can read it to name what was being parsed ("rule `x` opened at 3:1").

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "language/ast/ast.hpp"
#include "language/diagnostics/diagnostic.hpp"

namespace taskguard::parser {

struct ParseState {
  ParseState(ast::Module& m, diagnostics::DiagnosticList& d) : module(m), diagnostics(d) {}

  ast::Module& module;
  diagnostics::DiagnosticList& diagnostics;

  // Operands, in the order they were completed; composite expressions pop their parts.
  std::vector<ast::ExprPtr> operands;
  // Operators read but not yet combined (a stack: parentheses nest).
  std::vector<ast::BinaryOp> operators;
  // Height of `operands` where a list, call or annotation's arguments begin.
  std::vector<std::size_t> marks;
  // Where each bracket, brace or rule still open began, for "opened at" in messages.
  std::vector<ast::Position> opens;
  std::vector<ast::QuantifierKind> quantifier_kinds;
  std::vector<std::pair<std::string, ast::SourceRange>> quantifier_variables;
  std::vector<std::pair<std::string, ast::SourceRange>> member_names;
  std::vector<ast::Interpolation::Part> message_parts;

  // The declaration being read.
  std::vector<ast::Annotation> annotations;
  std::string annotation_name;
  ast::Position annotation_begin;
  std::string keyword;  // "let" / "param" / "fn" / "rule"
  std::string declaration_name;
  ast::SourceRange declaration_name_range;
  std::vector<std::string> function_parameters;
  std::vector<ast::SourceRange> function_parameter_ranges;
  ast::Rule rule;
  std::string for_variable;
  ast::SourceRange for_variable_range;
  std::string dotted_name;
  ast::SourceRange dotted_name_range;
  std::string import_alias;

  // Comments by offset: whitespace is re-read when the parser backtracks, a map keeps one each.
  std::map<std::uint32_t, ast::Comment> comments;

  // Forget a half-read declaration after a syntax error, keeping what was completed.
  void discard_partial_declaration() {
    operands.clear();
    operators.clear();
    marks.clear();
    opens.clear();
    quantifier_kinds.clear();
    quantifier_variables.clear();
    member_names.clear();
    message_parts.clear();
    annotations.clear();
    function_parameters.clear();
    function_parameter_ranges.clear();
    rule = ast::Rule{};
    import_alias.clear();
  }
};

}  // namespace taskguard::parser
