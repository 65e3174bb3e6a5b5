#pragma once
// The abstract syntax tree of a policy file. Every node carries its source range; the checker
// fills in `type` and name resolutions, and nothing later ever looks at the source text again.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "stdlib/types/type.hpp"

namespace taskguard::ast {

struct Position {
  std::uint32_t line = 0;    // 1-based
  std::uint32_t column = 0;  // 1-based, in bytes
  std::uint32_t offset = 0;  // byte offset in the file
};

struct SourceRange {
  Position begin;
  Position end;
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct NullLit {};
struct BoolLit {
  bool value;
};
struct NumberLit {
  double value;
};
struct StringLit {
  std::string value;
};
struct RegexLit {
  std::string pattern;
};  // RE2 syntax, without the slashes
struct ListLit {
  std::vector<ExprPtr> items;
};

// What a name refers to, decided by the checker.
enum class NameKind : std::uint8_t {
  Unresolved,
  Task,       // the task definition being checked: `task`
  Binding,    // a `for` or quantifier variable
  Constant,   // a `let`
  Parameter,  // a `param` (overridable with --param)
  FnParam,    // a parameter of the enclosing `fn`
};

struct Name {
  std::string name;
  NameKind kind = NameKind::Unresolved;
  std::uint32_t slot = 0;  // binding / parameter slot, or constant index, set by the checker
};

struct Member {  // base.name
  ExprPtr base;
  std::string name;
  SourceRange name_range;
};

struct Index {  // base[index]
  ExprPtr base;
  ExprPtr index;
};

struct Call {          // name(args) or module.name(args), e.g. `secrets.kind(x)`
  std::string callee;  // dotted, as written
  std::vector<ExprPtr> args;
  SourceRange callee_range;
  enum class Target : std::uint8_t { Unresolved, Builtin, Function } target = Target::Unresolved;
  std::uint32_t target_index = 0;  // builtin catalogue index, or fn index in the program
};

enum class UnaryOp : std::uint8_t { Not, Negate };
struct Unary {
  UnaryOp op;
  ExprPtr operand;
};

enum class BinaryOp : std::uint8_t {
  Or,
  And,
  Eq,
  Ne,
  Lt,
  Le,
  Gt,
  Ge,
  In,
  NotIn,
  Matches,
  Add,
  Sub,
  Mul,
  Div,
};
struct Binary {
  BinaryOp op;
  ExprPtr left;
  ExprPtr right;
};

enum class QuantifierKind : std::uint8_t { Any, All, Count };
struct Quantifier {  // any x in xs: cond
  QuantifierKind kind;
  std::string variable;
  SourceRange variable_range;
  ExprPtr collection;
  ExprPtr condition;
  std::uint32_t slot = 0;  // set by the checker
};

// "text {expr} more text": literal parts and expressions, alternating as written.
struct Interpolation {
  struct Part {
    std::string text;  // used when `expr` is null
    ExprPtr expr;
  };
  std::vector<Part> parts;
};

struct Expr {
  SourceRange range;
  std::variant<NullLit, BoolLit, NumberLit, StringLit, RegexLit, ListLit, Name, Member, Index, Call,
               Unary, Binary, Quantifier, Interpolation>
      node;
  Type type = Type::any();     // set by the checker
  bool parenthesized = false;  // written inside `( )`: the formatter keeps the parentheses
};

// A comment, kept so that the formatter can put it back.
struct Comment {
  SourceRange range;
  std::string text;  // including the leading "#" or "//"
};

struct Annotation {  // @name(args)
  SourceRange range;
  std::string name;
  std::vector<ExprPtr> args;
};

struct Clause {
  enum class Kind : std::uint8_t { When, For } kind;
  SourceRange range;
  std::string variable;  // For
  SourceRange variable_range;
  ExprPtr expr;            // When: the guard; For: the collection
  std::uint32_t slot = 0;  // For: binding slot, set by the checker
};

struct Rule {
  SourceRange range;
  std::vector<Annotation> annotations;
  std::string name;
  SourceRange name_range;
  std::vector<Clause> clauses;  // in written order: `when` and `for` may interleave
  enum class Verdict : std::uint8_t { Deny, Require } verdict = Verdict::Deny;
  ExprPtr condition;
  ExprPtr message;               // an Interpolation (or nullptr: a default message is generated)
  ExprPtr location;              // `at` expression (nullptr: the innermost binding, else the task)
  std::uint32_t slot_count = 0;  // bindings + quantifier variables, set by the checker
};

struct Let {  // let NAME = expr   /   param NAME = expr
  SourceRange range;
  std::vector<Annotation> annotations;  // @doc("...") on params
  std::string name;
  SourceRange name_range;
  ExprPtr value;
  bool is_parameter = false;
};

struct Function {  // fn name(a, b) = expr
  SourceRange range;
  std::vector<Annotation> annotations;  // @doc("...")
  std::string name;
  SourceRange name_range;
  std::vector<std::string> params;
  std::vector<SourceRange> param_ranges;  // parallel to `params`
  ExprPtr body;
  std::uint32_t slot_count = 0;  // params + quantifier variables, set by the checker
};

struct Import {  // import std.secrets   /   import policies.secrets as s
  SourceRange range;
  std::string path;
  std::string alias;
};

struct Module {  // one .tg file
  std::string file;
  std::string package;
  // Pulled in only because another file imports its package (a registered library such as the
  // embedded pack): its declarations are usable, its rules are not compiled.
  bool library = false;
  SourceRange package_range;
  std::vector<Import> imports;
  std::vector<Let> lets;
  std::vector<Function> functions;
  std::vector<Rule> rules;
  std::vector<Comment> comments;
  // Declaration order across kinds, for the formatter: (kind, index into its vector).
  enum class DeclKind : std::uint8_t { Import, Let, Function, Rule };
  std::vector<std::pair<DeclKind, std::uint32_t>> order;
};

}  // namespace taskguard::ast
