#include "language/format/formatter.hpp"
#include "language/ast/operators.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "language/parser/parser.hpp"
#include "language/parser/string_literals.hpp"

namespace taskguard::format {
namespace {

// Binding strength, loosest first; a quantifier is a primary that extends to the right.
enum Precedence : int {
  kLowest = 0,
  kOr,
  kAnd,
  kNot,
  kComparison,
  kAdditive,
  kMultiplicative,
  kUnary,
  kPostfix,
  kPrimary,
};

Precedence precedence_of(const ast::Expr& e) {
  if (const auto* b = std::get_if<ast::Binary>(&e.node)) {
    switch (b->op) {
      case ast::BinaryOp::Or:
        return kOr;
      case ast::BinaryOp::And:
        return kAnd;
      case ast::BinaryOp::Add:
      case ast::BinaryOp::Sub:
        return kAdditive;
      case ast::BinaryOp::Mul:
      case ast::BinaryOp::Div:
        return kMultiplicative;
      default:
        return kComparison;
    }
  }
  if (const auto* u = std::get_if<ast::Unary>(&e.node)) {
    return u->op == ast::UnaryOp::Not ? kNot : kUnary;
  }
  if (std::holds_alternative<ast::Member>(e.node) || std::holds_alternative<ast::Index>(e.node) ||
      std::holds_alternative<ast::Call>(e.node)) {
    return kPostfix;
  }
  return kPrimary;
}

using ast::operator_text;

std::string number_text(double value) {
  return fmt::format("{}", value);
}

// `min` is the loosest precedence allowed here without parentheses; `rightmost` says nothing
// follows on the right, so a quantifier needs no parentheses.
std::string expression(const ast::Expr& e, int min, bool rightmost);

std::string items(const std::vector<ast::ExprPtr>& list) {
  std::string out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i > 0) out += ", ";
    out += expression(*list[i], kLowest, true);
  }
  return out;
}

std::string node_text(const ast::Expr& e, bool rightmost) {
  return std::visit(
      [&](const auto& n) -> std::string {
        using Node = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<Node, ast::NullLit>) {
          return "null";
        } else if constexpr (std::is_same_v<Node, ast::BoolLit>) {
          return n.value ? "true" : "false";
        } else if constexpr (std::is_same_v<Node, ast::NumberLit>) {
          return number_text(n.value);
        } else if constexpr (std::is_same_v<Node, ast::StringLit>) {
          return "\"" + parser::encode_string(n.value) + "\"";
        } else if constexpr (std::is_same_v<Node, ast::RegexLit>) {
          return "/" + parser::encode_regex(n.pattern) + "/";
        } else if constexpr (std::is_same_v<Node, ast::ListLit>) {
          return "[" + items(n.items) + "]";
        } else if constexpr (std::is_same_v<Node, ast::Name>) {
          return n.name;
        } else if constexpr (std::is_same_v<Node, ast::Member>) {
          return expression(*n.base, kPostfix, false) + "." + n.name;
        } else if constexpr (std::is_same_v<Node, ast::Index>) {
          return expression(*n.base, kPostfix, false) + "[" + expression(*n.index, kLowest, true) +
                 "]";
        } else if constexpr (std::is_same_v<Node, ast::Call>) {
          return n.callee + "(" + items(n.args) + ")";
        } else if constexpr (std::is_same_v<Node, ast::Unary>) {
          if (n.op == ast::UnaryOp::Not) return "not " + expression(*n.operand, kNot, rightmost);
          return "-" + expression(*n.operand, kUnary, rightmost);
        } else if constexpr (std::is_same_v<Node, ast::Binary>) {
          const int own = precedence_of(e);
          // Comparisons do not chain: both sides bind tighter. The others associate left.
          const int left_min = own == kComparison ? kComparison + 1 : own;
          return expression(*n.left, left_min, false) + " " + operator_text(n.op) + " " +
                 expression(*n.right, own + 1, rightmost);
        } else if constexpr (std::is_same_v<Node, ast::Quantifier>) {
          const char* kind = n.kind == ast::QuantifierKind::Any   ? "any"
                             : n.kind == ast::QuantifierKind::All ? "all"
                                                                  : "count";
          return fmt::format("{} {} in {}: {}", kind, n.variable,
                             expression(*n.collection, kLowest, false),
                             expression(*n.condition, kLowest, true));
        } else {
          std::string out = "\"";
          for (const auto& part : n.parts) {
            out += part.expr ? "{" + expression(*part.expr, kLowest, true) + "}"
                             : parser::encode_message_text(part.text);
          }
          return out + "\"";
        }
      },
      e.node);
}

std::string expression(const ast::Expr& e, int min, bool rightmost) {
  const bool quantifier = std::holds_alternative<ast::Quantifier>(e.node);
  const bool parens = e.parenthesized || precedence_of(e) < min || (quantifier && !rightmost);
  if (parens) return "(" + node_text(e, true) + ")";
  return node_text(e, rightmost);
}

std::string annotation_text(const ast::Annotation& a) {
  std::string out = "@" + a.name;
  if (!a.args.empty()) out += "(" + items(a.args) + ")";
  return out;
}

// Writes lines and puts each comment back: before the first line that starts after it, or at
// the end of the line it shared with the code.
class Printer {
 public:
  explicit Printer(const std::vector<ast::Comment>& comments) : comments_(comments) {}

  // A line of code whose source starts at `begin` and ends at `end`.
  void line(int indent, const std::string& text, ast::Position begin, ast::Position end) {
    flush_comments_before(begin, indent);
    std::string out = std::string(static_cast<std::size_t>(indent) * 2, ' ') + text;
    while (next_ < comments_.size() && comments_[next_].range.begin.line == end.line &&
           comments_[next_].range.begin.offset >= end.offset) {
      out += "  " + comments_[next_++].text;
    }
    emit(out);
  }
  void blank() {
    if (!out_.empty() && !pending_blank_) pending_blank_ = true;
  }
  void flush_comments_before(ast::Position begin, int indent) {
    std::uint32_t previous_line = 0;
    while (next_ < comments_.size() && comments_[next_].range.begin.offset < begin.offset) {
      const ast::Comment& c = comments_[next_++];
      // A blank line between two comment blocks in the source is kept.
      if (previous_line != 0 && c.range.begin.line > previous_line + 1) blank();
      emit(std::string(static_cast<std::size_t>(indent) * 2, ' ') + c.text);
      previous_line = c.range.begin.line;
    }
    // ... and so is a blank line between a comment and the code it precedes.
    if (previous_line != 0 && begin.line > previous_line + 1) blank();
  }
  std::string finish() {
    flush_comments_before({0, 0, UINT32_MAX}, 0);
    return out_;
  }

 private:
  void emit(const std::string& text) {
    if (pending_blank_) out_ += "\n";
    pending_blank_ = false;
    std::string trimmed = text;
    while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\t'))
      trimmed.pop_back();
    out_ += trimmed + "\n";
  }

  const std::vector<ast::Comment>& comments_;
  std::size_t next_ = 0;
  std::string out_;
  bool pending_blank_ = false;
};

ast::SourceRange declaration_range(const ast::Module& m, ast::Module::DeclKind kind,
                                   std::uint32_t index) {
  switch (kind) {
    case ast::Module::DeclKind::Import:
      return m.imports[index].range;
    case ast::Module::DeclKind::Let: {
      const ast::Let& let = m.lets[index];
      return {let.annotations.empty() ? let.range.begin : let.annotations.front().range.begin,
              let.range.end};
    }
    case ast::Module::DeclKind::Function: {
      const ast::Function& fn = m.functions[index];
      return {fn.annotations.empty() ? fn.range.begin : fn.annotations.front().range.begin,
              fn.range.end};
    }
    case ast::Module::DeclKind::Rule: {
      const ast::Rule& rule = m.rules[index];
      return {rule.annotations.empty() ? rule.range.begin : rule.annotations.front().range.begin,
              rule.range.end};
    }
  }
  return {};
}

void print_annotations(Printer& p, const std::vector<ast::Annotation>& annotations) {
  for (const ast::Annotation& a : annotations)
    p.line(0, annotation_text(a), a.range.begin, a.range.end);
}

void print_let(Printer& p, const ast::Let& let) {
  print_annotations(p, let.annotations);
  const std::string head = std::string(let.is_parameter ? "param " : "let ") + let.name + " = ";
  const auto* list = std::get_if<ast::ListLit>(&let.value->node);
  const bool multiline = list != nullptr && !let.value->parenthesized && !list->items.empty() &&
                         let.value->range.begin.line != let.value->range.end.line;
  if (!multiline) {
    p.line(0, head + expression(*let.value, kLowest, true), let.range.begin, let.range.end);
    return;
  }
  p.line(0, head + "[", let.range.begin, let.value->range.begin);
  for (const auto& item : list->items) {
    ast::Position end = item->range.end;
    p.line(1, expression(*item, kLowest, true) + ",", item->range.begin, end);
  }
  ast::Position close = let.value->range.end;
  close.offset -= 1;
  close.column -= 1;
  p.flush_comments_before(close, 1);
  p.line(0, "]", close, let.value->range.end);
}

void print_function(Printer& p, const ast::Function& fn) {
  print_annotations(p, fn.annotations);
  std::string params;
  for (std::size_t i = 0; i < fn.params.size(); ++i)
    params += (i ? ", " : "") + fn.params[i];
  p.line(0, fmt::format("fn {}({}) = {}", fn.name, params, expression(*fn.body, kLowest, true)),
         fn.range.begin, fn.range.end);
}

void print_rule(Printer& p, const ast::Rule& rule) {
  print_annotations(p, rule.annotations);
  p.line(0, "rule " + rule.name + " {", rule.range.begin, rule.name_range.end);
  for (const ast::Clause& c : rule.clauses) {
    const std::string text =
        c.kind == ast::Clause::Kind::When
            ? "when " + expression(*c.expr, kLowest, true)
            : "for " + c.variable + " in " + expression(*c.expr, kLowest, true);
    p.line(1, text, c.range.begin, c.range.end);
  }
  const char* verdict = rule.verdict == ast::Rule::Verdict::Deny ? "deny " : "require ";
  ast::Position verdict_begin = rule.condition->range.begin;
  p.line(1, verdict + expression(*rule.condition, kLowest, true), verdict_begin,
         rule.condition->range.end);
  if (rule.message) {
    p.line(1, "message " + expression(*rule.message, kLowest, true), rule.message->range.begin,
           rule.message->range.end);
  }
  if (rule.location) {
    p.line(1, "at " + expression(*rule.location, kLowest, true), rule.location->range.begin,
           rule.location->range.end);
  }
  ast::Position close = rule.range.end;
  close.offset -= 1;
  close.column -= 1;
  p.flush_comments_before(close, 1);  // comments at the end of the body stay inside it
  p.line(0, "}", close, rule.range.end);
}

}  // namespace

std::string format_expression(const ast::Expr& e) {
  return expression(e, kLowest, true);
}

std::string format_module(const ast::Module& m) {
  Printer p(m.comments);
  if (!m.package.empty()) {
    ast::Position begin = m.package_range.begin;
    p.line(0, "package " + m.package, begin, m.package_range.end);
    p.blank();
  }
  std::optional<ast::Module::DeclKind> previous;
  ast::SourceRange previous_range{};
  for (const auto& [kind, index] : m.order) {
    const ast::SourceRange range = declaration_range(m, kind, index);
    if (previous) {
      // Imports, lets and params written on consecutive lines stay together as a group;
      // everything else is separated by one blank line.
      const bool groupable =
          (kind == ast::Module::DeclKind::Import) == (*previous == ast::Module::DeclKind::Import) &&
          (kind == ast::Module::DeclKind::Import || kind == ast::Module::DeclKind::Let) &&
          (*previous == ast::Module::DeclKind::Import || *previous == ast::Module::DeclKind::Let);
      bool comment_between_blank = false;
      for (const ast::Comment& c : m.comments) {
        if (c.range.begin.offset > previous_range.end.offset &&
            c.range.begin.offset < range.begin.offset &&
            c.range.begin.line > previous_range.end.line + 1) {
          comment_between_blank = true;
        }
      }
      if (!groupable || range.begin.line > previous_range.end.line + 1 || comment_between_blank) {
        p.blank();
      }
    }
    switch (kind) {
      case ast::Module::DeclKind::Import: {
        const ast::Import& import = m.imports[index];
        p.line(0, "import " + import.path + (import.alias.empty() ? "" : " as " + import.alias),
               import.range.begin, import.range.end);
        break;
      }
      case ast::Module::DeclKind::Let:
        print_let(p, m.lets[index]);
        break;
      case ast::Module::DeclKind::Function:
        print_function(p, m.functions[index]);
        break;
      case ast::Module::DeclKind::Rule:
        print_rule(p, m.rules[index]);
        break;
    }
    previous = kind;
    previous_range = range;
  }
  if (!m.order.empty()) {
    // Comments after the last declaration, separated as they were.
    for (const ast::Comment& c : m.comments) {
      if (c.range.begin.offset > previous_range.end.offset &&
          c.range.begin.line > previous_range.end.line + 1) {
        p.blank();
        break;
      }
      if (c.range.begin.offset > previous_range.end.offset) break;
    }
  }
  return p.finish();
}

std::optional<std::string> format_source(std::string_view text, const std::string& file,
                                         diagnostics::DiagnosticList& diagnostics) {
  diagnostics::DiagnosticList local;
  auto module = parser::parse(text, file, local);
  diagnostics.append(local);
  if (local.has_errors()) return std::nullopt;
  return format_module(*module);
}

}  // namespace taskguard::format
