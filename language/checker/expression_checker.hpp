#pragma once
// Resolves the names in one expression and gives every node its static type, reporting unknown
// names and fields, impossible enum values and obvious type mismatches. One instance checks the
// expressions of one rule, function or constant.

#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "language/ast/ast.hpp"
#include "language/checker/local_scope.hpp"
#include "language/checker/program_index.hpp"
#include "language/diagnostics/diagnostic.hpp"
#include "stdlib/schema/schema.hpp"

namespace taskguard::checker {

// What the program knows about declarations' types so far (filled as they are checked).
struct DeclarationTypes {
  std::vector<Type> constants;  // by constant slot
  std::vector<Type> functions;  // by function index: the type of the body
};

// What an expression refers to at the top level: recorded to find unused declarations, the
// parameters each rule reads and recursion among functions and constants.
struct References {
  std::set<std::uint32_t> constants;
  std::set<std::uint32_t> functions;
};

class ExpressionChecker {
 public:
  ExpressionChecker(const schema::Schema& schema, const ProgramIndex& index,
                    const ModuleScope& module_scope, const DeclarationTypes& types,
                    LocalScope& locals, References& references,
                    diagnostics::DiagnosticList& diagnostics, std::string file);

  // Checks `e` and returns its type (also stored in e.type).
  Type check(ast::Expr& e);
  // Checks an expression used as a condition: it must be able to be true or false.
  void check_condition(ast::Expr& e, std::string_view where);
  // Checks the collection of a `for` or quantifier; returns the element type and field.
  std::pair<Type, const schema::Field*> check_collection(ast::Expr& e, std::string_view where);
  // The schema field a path expression denotes, if any.
  const schema::Field* field_of(const ast::Expr& e) const;
  // Reports bindings that were never read (names starting with `_` are exempt).
  void report_unused(const std::vector<LocalName>& names, std::string_view what);

 private:
  Type check_name(ast::Expr& e, ast::Name& n);
  Type check_member(ast::Expr& e, ast::Member& m);
  Type check_index(ast::Expr& e, ast::Index& i);
  Type check_call(ast::Expr& e, ast::Call& c);
  Type check_builtin_call(ast::Expr& e, ast::Call& c, std::uint32_t id);
  Type check_unary(ast::Expr& e, ast::Unary& u);
  Type check_binary(ast::Expr& e, ast::Binary& b);
  Type check_quantifier(ast::Expr& e, ast::Quantifier& q);
  Type field_access(ast::Expr& e, const Type& base, const std::string& name,
                    ast::SourceRange name_range);
  void check_enum_value(const ast::Expr& path, const ast::Expr& literal);
  void check_comparable(const ast::Binary& b, std::string_view op);
  bool resolve_package_member(ast::Expr& e, ast::Member& m);

  void error(ast::SourceRange range, std::string message, std::string hint = {});

  const schema::Schema& schema_;
  const ProgramIndex& index_;
  const ModuleScope& module_scope_;
  const DeclarationTypes& types_;
  LocalScope& locals_;
  References& references_;
  diagnostics::DiagnosticList& diagnostics_;
  std::string file_;
  std::unordered_map<const ast::Expr*, const schema::Field*> fields_;
};

// "`c.privileged`": an expression as the user wrote it, for messages (paths only; "" otherwise).
std::string describe_path(const ast::Expr& e);

}  // namespace taskguard::checker
