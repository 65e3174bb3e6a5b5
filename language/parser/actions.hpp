#pragma once
// Semantic actions: how matched grammar rules become AST nodes. Operands are pushed on
// ParseState::operands as they complete; composite rules pop their parts, in the manner of
// PEGTL's calculator example. Only the rules listed here have actions.

#include <charconv>
#include <string>
#include <tao/pegtl.hpp>
#include <utility>

#include "language/grammar/grammar.hpp"
#include "language/parser/parse_state.hpp"
#include "language/parser/source_position.hpp"
#include "language/parser/string_literals.hpp"
#include "language/parser/syntax_error.hpp"

namespace taskguard::parser {

namespace g = grammar;

inline ast::ExprPtr make_expr(ast::SourceRange range, decltype(ast::Expr::node) node) {
  auto e = std::make_unique<ast::Expr>();
  e->range = range;
  e->node = std::move(node);
  return e;
}

inline ast::ExprPtr pop_operand(ParseState& st) {
  ast::ExprPtr e = std::move(st.operands.back());
  st.operands.pop_back();
  return e;
}

inline std::vector<ast::ExprPtr> pop_to_mark(ParseState& st) {
  const std::size_t mark = st.marks.back();
  st.marks.pop_back();
  std::vector<ast::ExprPtr> items;
  for (std::size_t i = mark; i < st.operands.size(); ++i)
    items.push_back(std::move(st.operands[i]));
  st.operands.resize(mark);
  return items;
}

inline void push_binary(ParseState& st, ast::BinaryOp op) {
  ast::ExprPtr right = pop_operand(st);
  ast::ExprPtr left = pop_operand(st);
  const ast::SourceRange range{left->range.begin, right->range.end};
  st.operands.push_back(make_expr(range, ast::Binary{op, std::move(left), std::move(right)}));
}

// `a.b.c` written before `(`: the dotted callee of a call, or empty if it is not just names.
inline std::string callee_path(const ast::Expr& e) {
  if (const auto* n = std::get_if<ast::Name>(&e.node)) return e.parenthesized ? "" : n->name;
  if (const auto* m = std::get_if<ast::Member>(&e.node)) {
    std::string base = callee_path(*m->base);
    return base.empty() || e.parenthesized ? "" : base + "." + m->name;
  }
  return {};
}

template <typename Rule>
struct action : tao::pegtl::nothing<Rule> {};

// Pushes a leaf expression built from the matched text.
template <typename Derived>
struct leaf_action {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& st) {
    st.operands.push_back(make_expr(range_of(in), Derived::build(in.string_view())));
  }
};

template <>
struct action<g::comment> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& st) {
    const ast::SourceRange range = range_of(in);
    st.comments.try_emplace(range.begin.offset, ast::Comment{range, in.string()});
  }
};

// ---- literals

template <>
struct action<g::null_literal> : leaf_action<action<g::null_literal>> {
  static ast::NullLit build(std::string_view) { return {}; }
};
template <>
struct action<g::true_literal> : leaf_action<action<g::true_literal>> {
  static ast::BoolLit build(std::string_view) { return {true}; }
};
template <>
struct action<g::false_literal> : leaf_action<action<g::false_literal>> {
  static ast::BoolLit build(std::string_view) { return {false}; }
};
template <>
struct action<g::number_literal> : leaf_action<action<g::number_literal>> {
  static ast::NumberLit build(std::string_view text) {
    double value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return {value};
  }
};
template <>
struct action<g::string_literal> : leaf_action<action<g::string_literal>> {
  static ast::StringLit build(std::string_view text) {
    return {decode_string(text.substr(1, text.size() - 2))};
  }
};
template <>
struct action<g::regex_literal> : leaf_action<action<g::regex_literal>> {
  static ast::RegexLit build(std::string_view text) {
    return {decode_regex(text.substr(1, text.size() - 2))};
  }
};
template <>
struct action<g::name> : leaf_action<action<g::name>> {
  static ast::Name build(std::string_view text) { return {std::string(text)}; }
};

// Opening brackets remember where they were (for "opened at") and, for lists and calls, where
// their items start on the operand stack.
template <bool WithMark>
struct open_action {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& st) {
    st.opens.push_back(to_position(in.position()));
    if (WithMark) st.marks.push_back(st.operands.size());
  }
};
template <>
struct action<g::list_open> : open_action<true> {};
template <>
struct action<g::call_open> : open_action<true> {};
template <>
struct action<g::paren_open> : open_action<false> {};
template <>
struct action<g::index_open> : open_action<false> {};
template <>
struct action<g::interpolation_open> : open_action<false> {};

template <>
struct action<g::list_literal> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& st) {
    st.opens.pop_back();
    st.operands.push_back(make_expr(range_of(in), ast::ListLit{pop_to_mark(st)}));
  }
};

template <>
struct action<g::parenthesized> {
  template <typename ActionInput>
  static void apply(const ActionInput&, ParseState& st) {
    st.opens.pop_back();
    st.operands.back()->parenthesized = true;
  }
};

// ---- quantifiers

template <>
struct action<g::quantifier_kind> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& st) {
    const std::string_view k = in.string_view();
    st.quantifier_kinds.push_back(k == "any"   ? ast::QuantifierKind::Any
                                  : k == "all" ? ast::QuantifierKind::All
                                               : ast::QuantifierKind::Count);
  }
};
template <>
struct action<g::quantifier_variable> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& st) {
    st.quantifier_variables.emplace_back(in.string(), range_of(in));
  }
};
template <>
struct action<g::quantifier> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& st) {
    ast::Quantifier q;
    q.condition = pop_operand(st);
    q.collection = pop_operand(st);
    q.kind = st.quantifier_kinds.back();
    st.quantifier_kinds.pop_back();
    q.variable = std::move(st.quantifier_variables.back().first);
    q.variable_range = st.quantifier_variables.back().second;
    st.quantifier_variables.pop_back();
    st.operands.push_back(make_expr(range_of(in), std::move(q)));
  }
};

// ---- postfix: member, index, call

template <>
struct action<g::member_name> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& st) {
    st.member_names.emplace_back(in.string(), range_of(in));
  }
};
template <>
struct action<g::member_suffix> {
  template <typename ActionInput>
  static void apply(const ActionInput&, ParseState& st) {
    ast::ExprPtr base = pop_operand(st);
    auto [name, name_range] = std::move(st.member_names.back());
    st.member_names.pop_back();
    const ast::SourceRange range{base->range.begin, name_range.end};
    st.operands.push_back(
        make_expr(range, ast::Member{std::move(base), std::move(name), name_range}));
  }
};
template <>
struct action<g::index_suffix> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& st) {
    st.opens.pop_back();
    ast::ExprPtr index = pop_operand(st);
    ast::ExprPtr base = pop_operand(st);
    const ast::SourceRange range{base->range.begin, range_of(in).end};
    st.operands.push_back(make_expr(range, ast::Index{std::move(base), std::move(index)}));
  }
};
template <>
struct action<g::call_suffix> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& st) {
    st.opens.pop_back();
    std::vector<ast::ExprPtr> args = pop_to_mark(st);
    ast::ExprPtr callee = pop_operand(st);
    std::string path = callee_path(*callee);
    if (path.empty()) {
      throw SyntaxError{
          "only functions can be called, like `lower(x)` or `secrets.kind(x)`", callee->range, {}};
    }
    const ast::SourceRange range{callee->range.begin, range_of(in).end};
    ast::Call call;
    call.callee = std::move(path);
    call.args = std::move(args);
    call.callee_range = callee->range;
    st.operands.push_back(make_expr(range, std::move(call)));
  }
};

// ---- operators

template <>
struct action<g::negation> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& st) {
    ast::ExprPtr operand = pop_operand(st);
    st.operands.push_back(
        make_expr(range_of(in), ast::Unary{ast::UnaryOp::Negate, std::move(operand)}));
  }
};
template <>
struct action<g::logical_not> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& st) {
    ast::ExprPtr operand = pop_operand(st);
    st.operands.push_back(
        make_expr(range_of(in), ast::Unary{ast::UnaryOp::Not, std::move(operand)}));
  }
};

inline ast::BinaryOp binary_operator(std::string_view text) {
  if (text == "*") return ast::BinaryOp::Mul;
  if (text == "/") return ast::BinaryOp::Div;
  if (text == "+") return ast::BinaryOp::Add;
  if (text == "-") return ast::BinaryOp::Sub;
  if (text == "==") return ast::BinaryOp::Eq;
  if (text == "!=") return ast::BinaryOp::Ne;
  if (text == "<") return ast::BinaryOp::Lt;
  if (text == "<=") return ast::BinaryOp::Le;
  if (text == ">") return ast::BinaryOp::Gt;
  if (text == ">=") return ast::BinaryOp::Ge;
  if (text == "matches") return ast::BinaryOp::Matches;
  if (text == "in") return ast::BinaryOp::In;
  return ast::BinaryOp::NotIn;  // `not in`, with any spacing between the words
}

struct operator_action {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& st) {
    st.operators.push_back(binary_operator(in.string_view()));
  }
};
template <>
struct action<g::multiplicative_operator> : operator_action {};
template <>
struct action<g::additive_operator> : operator_action {};
template <>
struct action<g::comparison_operator> : operator_action {};

struct pending_operator_tail {
  template <typename ActionInput>
  static void apply(const ActionInput&, ParseState& st) {
    const ast::BinaryOp op = st.operators.back();
    st.operators.pop_back();
    push_binary(st, op);
  }
};
template <>
struct action<g::multiplicative_tail> : pending_operator_tail {};
template <>
struct action<g::additive_tail> : pending_operator_tail {};
template <>
struct action<g::comparison_tail> : pending_operator_tail {};

template <ast::BinaryOp Op>
struct logical_tail {
  template <typename ActionInput>
  static void apply(const ActionInput&, ParseState& st) {
    push_binary(st, Op);
  }
};
template <>
struct action<g::and_tail> : logical_tail<ast::BinaryOp::And> {};
template <>
struct action<g::or_tail> : logical_tail<ast::BinaryOp::Or> {};

// ---- message strings

template <>
struct action<g::message_text> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& st) {
    std::string text = decode_message_text(in.string_view());
    if (!st.message_parts.empty() && !st.message_parts.back().expr) {
      st.message_parts.back().text += text;
    } else {
      st.message_parts.push_back({std::move(text), nullptr});
    }
  }
};
template <>
struct action<g::interpolation> {
  template <typename ActionInput>
  static void apply(const ActionInput&, ParseState& st) {
    st.opens.pop_back();
    st.message_parts.push_back({{}, pop_operand(st)});
  }
};
template <>
struct action<g::message_string> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& st) {
    ast::Interpolation message{std::move(st.message_parts)};
    st.message_parts.clear();
    st.operands.push_back(make_expr(range_of(in), std::move(message)));
  }
};

// ---- package, imports, annotations

template <>
struct action<g::package_name> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& st) {
    st.module.package = in.string();
    st.module.package_range = range_of(in);
  }
};
template <>
struct action<g::import_path> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& st) {
    st.dotted_name = in.string();
    st.dotted_name_range = range_of(in);
  }
};
template <>
struct action<g::import_alias> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& st) {
    st.import_alias = in.string();
  }
};
template <>
struct action<g::import_declaration> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& st) {
    const ast::SourceRange range = range_of(in);
    ast::Module& m = st.module;
    if (!m.lets.empty() || !m.functions.empty() || !m.rules.empty()) {
      st.diagnostics.error(m.file, range, "`import` must come before the declarations",
                           "move the import to the top of the file, after `package`");
    }
    m.imports.push_back({range, std::move(st.dotted_name), std::move(st.import_alias)});
    st.import_alias.clear();
    m.order.emplace_back(ast::Module::DeclKind::Import, m.imports.size() - 1);
  }
};
template <>
struct action<g::annotation_name> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& st) {
    st.annotation_name = in.string();
    st.marks.push_back(st.operands.size());
  }
};
template <>
struct action<g::annotation> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& st) {
    st.annotations.push_back({range_of(in), std::move(st.annotation_name), pop_to_mark(st)});
  }
};

// ---- let, param, fn

template <typename ActionInput>
void set_keyword(const ActionInput& in, ParseState& st) {
  st.keyword = in.string();
}
template <>
struct action<g::kw_let> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& st) {
    set_keyword(in, st);
  }
};
template <>
struct action<g::kw_param> : action<g::kw_let> {};
template <>
struct action<g::kw_fn> : action<g::kw_let> {};

struct declaration_name_action {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& st) {
    st.declaration_name = in.string();
    st.declaration_name_range = range_of(in);
  }
};
template <>
struct action<g::declaration_name> : declaration_name_action {};
template <>
struct action<g::function_name> : declaration_name_action {};

template <bool IsParameter>
struct constant_action {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& st) {
    ast::Let let;
    let.range = range_of(in);
    let.annotations = std::move(st.annotations);
    st.annotations.clear();
    let.name = st.declaration_name;
    let.name_range = st.declaration_name_range;
    let.value = pop_operand(st);
    let.is_parameter = IsParameter;
    st.module.lets.push_back(std::move(let));
    st.module.order.emplace_back(ast::Module::DeclKind::Let, st.module.lets.size() - 1);
  }
};
template <>
struct action<g::let_declaration> : constant_action<false> {};
template <>
struct action<g::param_declaration> : constant_action<true> {};

template <>
struct action<g::function_parameter> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& st) {
    st.function_parameters.push_back(in.string());
    st.function_parameter_ranges.push_back(range_of(in));
  }
};
template <>
struct action<g::function_declaration> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& st) {
    ast::Function fn;
    fn.range = range_of(in);
    fn.annotations = std::move(st.annotations);
    st.annotations.clear();
    fn.name = st.declaration_name;
    fn.name_range = st.declaration_name_range;
    fn.params = std::move(st.function_parameters);
    fn.param_ranges = std::move(st.function_parameter_ranges);
    st.function_parameters.clear();
    st.function_parameter_ranges.clear();
    fn.body = pop_operand(st);
    st.module.functions.push_back(std::move(fn));
    st.module.order.emplace_back(ast::Module::DeclKind::Function, st.module.functions.size() - 1);
  }
};

// ---- rules

template <>
struct action<g::rule_keyword> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& st) {
    st.keyword = "rule";
    st.rule = ast::Rule{};
    st.rule.range.begin = to_position(in.position());
  }
};
template <>
struct action<g::rule_name> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& st) {
    st.rule.name = in.string();
    st.rule.name_range = range_of(in);
  }
};
template <>
struct action<g::rule_open> {
  template <typename ActionInput>
  static void apply(const ActionInput&, ParseState& st) {
    st.opens.push_back(st.rule.range.begin);
  }
};
template <>
struct action<g::when_clause> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& st) {
    ast::Clause clause{ast::Clause::Kind::When, range_of(in), {}, {}, pop_operand(st)};
    st.rule.clauses.push_back(std::move(clause));
  }
};
template <>
struct action<g::for_variable> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& st) {
    st.for_variable = in.string();
    st.for_variable_range = range_of(in);
  }
};
template <>
struct action<g::for_clause> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& st) {
    ast::Clause clause{ast::Clause::Kind::For, range_of(in), st.for_variable, st.for_variable_range,
                       pop_operand(st)};
    st.rule.clauses.push_back(std::move(clause));
  }
};
template <ast::Rule::Verdict V>
struct verdict_action {
  template <typename ActionInput>
  static void apply(const ActionInput&, ParseState& st) {
    st.rule.verdict = V;
    st.rule.condition = pop_operand(st);
  }
};
template <>
struct action<g::deny_verdict> : verdict_action<ast::Rule::Verdict::Deny> {};
template <>
struct action<g::require_verdict> : verdict_action<ast::Rule::Verdict::Require> {};
template <>
struct action<g::message_clause> {
  template <typename ActionInput>
  static void apply(const ActionInput&, ParseState& st) {
    st.rule.message = pop_operand(st);
  }
};
template <>
struct action<g::location_clause> {
  template <typename ActionInput>
  static void apply(const ActionInput&, ParseState& st) {
    st.rule.location = pop_operand(st);
  }
};
template <>
struct action<g::rule_declaration> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& st) {
    st.opens.pop_back();
    st.rule.range = range_of(in);
    st.rule.annotations = std::move(st.annotations);
    st.annotations.clear();
    st.module.rules.push_back(std::move(st.rule));
    st.rule = ast::Rule{};
    st.module.order.emplace_back(ast::Module::DeclKind::Rule, st.module.rules.size() - 1);
  }
};

}  // namespace taskguard::parser
