#include "tests/unit/language/ast_dump.hpp"

#include <fmt/core.h>

namespace taskguard::test {
namespace {

const char* binary_name(ast::BinaryOp op) {
  switch (op) {
    case ast::BinaryOp::Or:
      return "or";
    case ast::BinaryOp::And:
      return "and";
    case ast::BinaryOp::Eq:
      return "==";
    case ast::BinaryOp::Ne:
      return "!=";
    case ast::BinaryOp::Lt:
      return "<";
    case ast::BinaryOp::Le:
      return "<=";
    case ast::BinaryOp::Gt:
      return ">";
    case ast::BinaryOp::Ge:
      return ">=";
    case ast::BinaryOp::In:
      return "in";
    case ast::BinaryOp::NotIn:
      return "not-in";
    case ast::BinaryOp::Matches:
      return "matches";
    case ast::BinaryOp::Add:
      return "+";
    case ast::BinaryOp::Sub:
      return "-";
    case ast::BinaryOp::Mul:
      return "*";
    case ast::BinaryOp::Div:
      return "/";
  }
  return "?";
}

struct Dumper {
  std::string operator()(const ast::NullLit&) const { return "null"; }
  std::string operator()(const ast::BoolLit& b) const { return b.value ? "true" : "false"; }
  std::string operator()(const ast::NumberLit& n) const { return fmt::format("{}", n.value); }
  std::string operator()(const ast::StringLit& s) const { return "\"" + s.value + "\""; }
  std::string operator()(const ast::RegexLit& r) const { return "/" + r.pattern + "/"; }
  std::string operator()(const ast::ListLit& l) const {
    std::string out = "(list";
    for (const auto& item : l.items)
      out += " " + dump(*item);
    return out + ")";
  }
  std::string operator()(const ast::Name& n) const { return n.name; }
  std::string operator()(const ast::Member& m) const {
    return "(. " + dump(*m.base) + " " + m.name + ")";
  }
  std::string operator()(const ast::Index& i) const {
    return "([] " + dump(*i.base) + " " + dump(*i.index) + ")";
  }
  std::string operator()(const ast::Call& c) const {
    std::string out = "(call " + c.callee;
    for (const auto& a : c.args)
      out += " " + dump(*a);
    return out + ")";
  }
  std::string operator()(const ast::Unary& u) const {
    return std::string(u.op == ast::UnaryOp::Not ? "(not " : "(neg ") + dump(*u.operand) + ")";
  }
  std::string operator()(const ast::Binary& b) const {
    return std::string("(") + binary_name(b.op) + " " + dump(*b.left) + " " + dump(*b.right) + ")";
  }
  std::string operator()(const ast::Quantifier& q) const {
    const char* kind = q.kind == ast::QuantifierKind::Any   ? "any"
                       : q.kind == ast::QuantifierKind::All ? "all"
                                                            : "count";
    return fmt::format("({} {} {} {})", kind, q.variable, dump(*q.collection), dump(*q.condition));
  }
  std::string operator()(const ast::Interpolation& i) const {
    std::string out = "(message";
    for (const auto& p : i.parts)
      out += " " + (p.expr ? "{" + dump(*p.expr) + "}" : "'" + p.text + "'");
    return out + ")";
  }
};

}  // namespace

std::string dump(const ast::Expr& e) {
  return std::visit(Dumper{}, e.node);
}

std::string dump(const ast::Rule& r) {
  std::string out = "(rule " + r.name;
  for (const auto& c : r.clauses) {
    out += c.kind == ast::Clause::Kind::When ? " (when " + dump(*c.expr) + ")"
                                             : " (for " + c.variable + " " + dump(*c.expr) + ")";
  }
  out += r.verdict == ast::Rule::Verdict::Deny ? " (deny " : " (require ";
  out += dump(*r.condition) + ")";
  if (r.message) out += " " + dump(*r.message);
  if (r.location) out += " (at " + dump(*r.location) + ")";
  return out + ")";
}

}  // namespace taskguard::test
