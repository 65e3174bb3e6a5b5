#include "language/checker/expression_checker.hpp"
#include "language/ast/operators.hpp"

#include <fmt/core.h>
#include <re2/re2.h>

#include <algorithm>

#include "language/diagnostics/suggestion.hpp"
#include "stdlib/builtins/catalog.hpp"
#include "stdlib/text/regex.hpp"

namespace taskguard::checker {
namespace {

bool is_known(const Type& t) {
  return !t.is_any() && !t.is(Type::Kind::Null);
}

// "a string", "a list<ContainerDefinition>"...
std::string a_type(const Type& t) {
  const std::string name = t.name();
  const bool vowel =
      !name.empty() && std::string_view("aeiouAEIOU").find(name[0]) != std::string_view::npos;
  return (vowel ? "an " : "a ") + name;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  return out;
}

std::string lowered(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

using ast::operator_text;

std::vector<std::string> builtin_names_in(std::string_view ns) {
  std::vector<std::string> out;
  for (const auto& b : builtins::catalog()) {
    const auto dot = b.name.find('.');
    const std::string_view b_ns = dot == std::string_view::npos ? "" : b.name.substr(0, dot);
    if (b_ns == ns)
      out.emplace_back(dot == std::string_view::npos ? b.name : b.name.substr(dot + 1));
  }
  return out;
}

}  // namespace

std::string describe_path(const ast::Expr& e) {
  if (const auto* n = std::get_if<ast::Name>(&e.node)) return n->name;
  if (const auto* m = std::get_if<ast::Member>(&e.node)) {
    const std::string base = describe_path(*m->base);
    return base.empty() ? "" : base + "." + m->name;
  }
  if (const auto* i = std::get_if<ast::Index>(&e.node)) {
    const std::string base = describe_path(*i->base);
    if (base.empty()) return "";
    if (const auto* s = std::get_if<ast::StringLit>(&i->index->node))
      return base + "[\"" + s->value + "\"]";
    if (const auto* k = std::get_if<ast::NumberLit>(&i->index->node))
      return fmt::format("{}[{}]", base, k->value);
    return base + "[...]";
  }
  return {};
}

ExpressionChecker::ExpressionChecker(const schema::Schema& schema, const ProgramIndex& index,
                                     const ModuleScope& module_scope, const DeclarationTypes& types,
                                     LocalScope& locals, References& references,
                                     diagnostics::DiagnosticList& diagnostics, std::string file)
    : schema_(schema),
      index_(index),
      module_scope_(module_scope),
      types_(types),
      locals_(locals),
      references_(references),
      diagnostics_(diagnostics),
      file_(std::move(file)) {}

void ExpressionChecker::error(ast::SourceRange range, std::string message, std::string hint) {
  diagnostics_.error(file_, range, std::move(message), std::move(hint));
}

const schema::Field* ExpressionChecker::field_of(const ast::Expr& e) const {
  const auto it = fields_.find(&e);
  return it == fields_.end() ? nullptr : it->second;
}

void ExpressionChecker::report_unused(const std::vector<LocalName>& names, std::string_view what) {
  for (const LocalName& n : names) {
    if (n.used || n.name.rfind('_', 0) == 0) continue;
    diagnostics_.warning(file_, n.range, fmt::format("{} `{}` is never used", what, n.name),
                         fmt::format("use it, or rename it `_{}` to say it is deliberate", n.name));
  }
}

Type ExpressionChecker::check(ast::Expr& e) {
  Type t = std::visit(
      [&](auto& node) -> Type {
        using Node = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<Node, ast::NullLit>) {
          return Type::null();
        } else if constexpr (std::is_same_v<Node, ast::BoolLit>) {
          return Type::boolean();
        } else if constexpr (std::is_same_v<Node, ast::NumberLit>) {
          return Type::number();
        } else if constexpr (std::is_same_v<Node, ast::StringLit>) {
          return Type::string();
        } else if constexpr (std::is_same_v<Node, ast::RegexLit>) {
          const auto re = text::compile_re2(node.pattern);
          if (!re->ok()) error(e.range, "invalid regular expression: " + text::regex_error(*re));
          return Type::regex();
        } else if constexpr (std::is_same_v<Node, ast::ListLit>) {
          std::optional<Type> element;
          for (auto& item : node.items) {
            const Type it = check(*item);
            if (!element) {
              element = it;
            } else if (!(*element == it)) {
              element = Type::any();
            }
          }
          return Type::list_of(element.value_or(Type::any()));
        } else if constexpr (std::is_same_v<Node, ast::Name>) {
          return check_name(e, node);
        } else if constexpr (std::is_same_v<Node, ast::Member>) {
          return check_member(e, node);
        } else if constexpr (std::is_same_v<Node, ast::Index>) {
          return check_index(e, node);
        } else if constexpr (std::is_same_v<Node, ast::Call>) {
          return check_call(e, node);
        } else if constexpr (std::is_same_v<Node, ast::Unary>) {
          return check_unary(e, node);
        } else if constexpr (std::is_same_v<Node, ast::Binary>) {
          return check_binary(e, node);
        } else if constexpr (std::is_same_v<Node, ast::Quantifier>) {
          return check_quantifier(e, node);
        } else {
          static_assert(std::is_same_v<Node, ast::Interpolation>);
          for (auto& part : node.parts) {
            if (part.expr) check(*part.expr);
          }
          return Type::string();
        }
      },
      e.node);
  e.type = t;
  return t;
}

Type ExpressionChecker::check_name(ast::Expr& e, ast::Name& n) {
  if (LocalName* local = locals_.find(n.name)) {
    local->used = true;
    n.kind = local->kind;
    n.slot = local->slot;
    if (local->element_field) fields_[&e] = local->element_field;
    return local->type;
  }
  if (n.name == "task") {
    n.kind = ast::NameKind::Task;
    return Type::structure(&schema_.root());
  }
  if (const auto it = module_scope_.own->constants.find(n.name);
      it != module_scope_.own->constants.end()) {
    const ast::Let& let = *index_.constants[it->second];
    n.kind = let.is_parameter ? ast::NameKind::Parameter : ast::NameKind::Constant;
    n.slot = it->second;
    references_.constants.insert(it->second);
    return types_.constants[it->second];
  }
  if (module_scope_.packages.count(n.name) != 0 || module_scope_.namespaces.count(n.name) != 0) {
    error(e.range, fmt::format("`{}` is an imported module, not a value", n.name),
          fmt::format("name one of its members, like `{}.NAME` or `{}.function(...)`", n.name,
                      n.name));
    return Type::any();
  }
  std::vector<std::string> candidates = locals_.visible_names();
  candidates.push_back("task");
  for (const auto& [name, slot] : module_scope_.own->constants)
    candidates.push_back(name);
  error(e.range, fmt::format("unknown name `{}`", n.name),
        diagnostics::did_you_mean(n.name, candidates));
  return Type::any();
}

// `alias.NAME` where alias is an imported policy package: rewritten to a Name that refers to
// the constant directly, so later phases never see package aliases.
bool ExpressionChecker::resolve_package_member(ast::Expr& e, ast::Member& m) {
  const auto* base = std::get_if<ast::Name>(&m.base->node);
  if (base == nullptr || base->kind != ast::NameKind::Unresolved || locals_.find(base->name)) {
    return false;
  }
  const auto package = module_scope_.packages.find(base->name);
  if (package == module_scope_.packages.end()) return false;
  const auto constant = package->second->constants.find(m.name);
  if (constant == package->second->constants.end()) {
    std::vector<std::string> names;
    for (const auto& [name, slot] : package->second->constants)
      names.push_back(name);
    error(m.name_range,
          fmt::format("package `{}` has no constant or parameter `{}`",
                      module_scope_.package_names.at(base->name), m.name),
          diagnostics::did_you_mean(m.name, names));
    e.type = Type::any();
    return true;
  }
  const ast::Let& let = *index_.constants[constant->second];
  ast::Name resolved{base->name + "." + m.name,
                     let.is_parameter ? ast::NameKind::Parameter : ast::NameKind::Constant,
                     constant->second};
  references_.constants.insert(constant->second);
  e.node = std::move(resolved);
  return true;
}

Type ExpressionChecker::field_access(ast::Expr& e, const Type& base, const std::string& name,
                                     ast::SourceRange name_range) {
  switch (base.kind()) {
    case Type::Kind::Struct: {
      const schema::Struct* s = base.struct_definition();
      if (s == nullptr) return Type::any();
      if (const schema::Field* f = s->find(name)) {
        fields_[&e] = f;
        return f->type;
      }
      const auto suggestions = schema_.suggest(*s, name);
      error(name_range, fmt::format("unknown field `{}` on {}", name, s->name),
            suggestions.empty() ? std::string() : "did you mean `" + suggestions.front() + "`?");
      return Type::any();
    }
    case Type::Kind::Map:
      return base.element();
    case Type::Kind::Any:
    case Type::Kind::Null:
      return Type::any();
    case Type::Kind::List:
      error(
          name_range,
          fmt::format("`{}` is {}: a list has no field `{}`", describe_path(e), a_type(base), name),
          "iterate it with `for x in ...` or a quantifier (`any x in ...: x." + name + " ...`)");
      return Type::any();
    default:
      error(name_range, fmt::format("{} has no fields (reading `.{}`)", a_type(base), name));
      return Type::any();
  }
}

Type ExpressionChecker::check_member(ast::Expr& e, ast::Member& m) {
  if (resolve_package_member(e, m)) {
    return e.type.is_any() && std::holds_alternative<ast::Name>(e.node)
               ? types_.constants[std::get<ast::Name>(e.node).slot]
               : e.type;
  }
  const Type base = check(*m.base);
  // describe the base path in list errors, not the member itself
  if (base.is(Type::Kind::List)) {
    error(m.name_range,
          fmt::format("`{}` is {}: a list has no field `{}`", describe_path(*m.base), a_type(base),
                      m.name),
          "iterate it with `for x in ...` or a quantifier (`any x in ...: x." + m.name + " ...`)");
    return Type::any();
  }
  return field_access(e, base, m.name, m.name_range);
}

Type ExpressionChecker::check_index(ast::Expr& e, ast::Index& i) {
  const Type base = check(*i.base);
  const Type key = check(*i.index);
  switch (base.kind()) {
    case Type::Kind::List:
      if (is_known(key) && !key.is(Type::Kind::Number)) {
        error(i.index->range, fmt::format("a list is indexed by a number, not {}", a_type(key)));
      }
      return base.element();
    case Type::Kind::Map:
      if (is_known(key) && !key.is(Type::Kind::String)) {
        error(i.index->range, fmt::format("a map is indexed by a string key, not {}", a_type(key)));
      }
      return base.element();
    case Type::Kind::Struct:
      if (const auto* s = std::get_if<ast::StringLit>(&i.index->node)) {
        return field_access(e, base, s->value, i.index->range);
      }
      return Type::any();
    case Type::Kind::Any:
    case Type::Kind::Null:
      return Type::any();
    default:
      error(i.index->range, fmt::format("{} cannot be indexed", a_type(base)));
      return Type::any();
  }
}

Type ExpressionChecker::check_call(ast::Expr& e, ast::Call& c) {
  const auto dot = c.callee.find('.');
  const std::string prefix = dot == std::string::npos ? "" : c.callee.substr(0, dot);
  const std::string rest = dot == std::string::npos ? c.callee : c.callee.substr(dot + 1);
  auto call_function = [&](std::uint32_t index) -> Type {
    const ast::Function& fn = *index_.functions[index];
    c.target = ast::Call::Target::Function;
    c.target_index = index;
    references_.functions.insert(index);
    if (c.args.size() != fn.params.size()) {
      error(e.range, fmt::format("`{}` takes {} argument{}, but {} {} given", c.callee,
                                 fn.params.size(), fn.params.size() == 1 ? "" : "s", c.args.size(),
                                 c.args.size() == 1 ? "was" : "were"));
    }
    for (auto& arg : c.args)
      check(*arg);
    return types_.functions[index];
  };

  if (prefix.empty()) {
    if (const auto it = module_scope_.own->functions.find(rest);
        it != module_scope_.own->functions.end()) {
      return call_function(it->second);
    }
    if (const auto id = builtins::find(rest); id && rest.find('.') == std::string::npos) {
      return check_builtin_call(e, c, *id);
    }
    std::vector<std::string> names = builtin_names_in("");
    for (const auto& [name, index] : module_scope_.own->functions)
      names.push_back(name);
    error(c.callee_range, fmt::format("unknown function `{}`", c.callee),
          diagnostics::did_you_mean(rest, names));
  } else if (const auto package = module_scope_.packages.find(prefix);
             package != module_scope_.packages.end()) {
    if (const auto it = package->second->functions.find(rest);
        it != package->second->functions.end()) {
      return call_function(it->second);
    }
    std::vector<std::string> names;
    for (const auto& [name, index] : package->second->functions)
      names.push_back(name);
    error(c.callee_range,
          fmt::format("package `{}` has no function `{}`", module_scope_.package_names.at(prefix),
                      rest),
          diagnostics::did_you_mean(rest, names));
  } else if (const auto ns = module_scope_.namespaces.find(prefix);
             ns != module_scope_.namespaces.end()) {
    const std::string full = ns->second + "." + rest;
    if (const auto id = builtins::find(full)) return check_builtin_call(e, c, *id);
    error(c.callee_range, fmt::format("`std.{}` has no function `{}`", ns->second, rest),
          diagnostics::did_you_mean(rest, builtin_names_in(ns->second)));
  } else if (!builtin_names_in(prefix).empty()) {
    error(c.callee_range, fmt::format("`{}` is not imported", prefix),
          fmt::format("add `import std.{}` after the package line", prefix));
  } else {
    error(c.callee_range,
          fmt::format("unknown function `{}`: nothing named `{}` is imported", c.callee, prefix));
  }
  for (auto& arg : c.args)
    check(*arg);
  return Type::any();
}

Type ExpressionChecker::check_builtin_call(ast::Expr& e, ast::Call& c, std::uint32_t id) {
  const builtins::Builtin& b = builtins::catalog()[id];
  c.target = ast::Call::Target::Builtin;
  c.target_index = id;
  const std::size_t required = b.variadic ? b.params.size() - 1 : b.params.size();
  if (c.args.size() < required || (!b.variadic && c.args.size() > b.params.size())) {
    error(e.range, fmt::format("`{}` takes {}{} argument{}, but {} {} given", b.name,
                               b.variadic ? "at least " : "", required, required == 1 ? "" : "s",
                               c.args.size(), c.args.size() == 1 ? "was" : "were"));
  }
  for (std::size_t i = 0; i < c.args.size(); ++i) {
    const Type arg = check(*c.args[i]);
    if (b.params.empty() || (!b.variadic && i >= b.params.size())) continue;
    const Type& expected = b.params[std::min(i, b.params.size() - 1)];
    if (is_known(arg) && !expected.accepts(arg)) {
      error(c.args[i]->range,
            fmt::format(
                "`{}` expects {} as argument {}, but {} is {}", b.name, a_type(expected), i + 1,
                describe_path(*c.args[i]).empty() ? "this" : "`" + describe_path(*c.args[i]) + "`",
                a_type(arg)));
    }
  }
  if (b.name == "has" && c.args.size() == 1 &&
      !std::holds_alternative<ast::Member>(c.args[0]->node) &&
      !std::holds_alternative<ast::Index>(c.args[0]->node)) {
    error(c.args[0]->range, "`has` takes a field path, like `has(c.user)`");
  }
  return b.result;
}

void ExpressionChecker::check_condition(ast::Expr& e, std::string_view where) {
  const Type t = check(e);
  if (!is_known(t) || t.is(Type::Kind::Bool)) return;
  const std::string path = describe_path(e);
  error(e.range,
        fmt::format("{} needs a condition (true or false), but {} is {}", where,
                    path.empty() ? "this" : "`" + path + "`", a_type(t)),
        path.empty() ? std::string()
                     : fmt::format("compare it (`{} == ...`) or test whether it is set (`has({})`)",
                                   path, path));
}

std::pair<Type, const schema::Field*> ExpressionChecker::check_collection(ast::Expr& e,
                                                                          std::string_view where) {
  const Type t = check(e);
  const schema::Field* field = field_of(e);
  if (t.is(Type::Kind::List)) return {t.element(), field};
  if (is_known(t)) {
    const std::string path = describe_path(e);
    error(e.range, fmt::format("{} needs a list to iterate, but {} is {}", where,
                               path.empty() ? "this" : "`" + path + "`", a_type(t)));
  }
  return {Type::any(), nullptr};
}

Type ExpressionChecker::check_unary(ast::Expr&, ast::Unary& u) {
  if (u.op == ast::UnaryOp::Not) {
    check_condition(*u.operand, "`not`");
    return Type::boolean();
  }
  const Type t = check(*u.operand);
  if (is_known(t) && !t.is(Type::Kind::Number)) {
    error(u.operand->range, fmt::format("`-` needs a number, not {}", a_type(t)));
  }
  return Type::number();
}

// A string literal compared with (or looked up in) an enum-valued field must be one of its values.
void ExpressionChecker::check_enum_value(const ast::Expr& path, const ast::Expr& literal) {
  const schema::Field* field = field_of(path);
  const auto* value = std::get_if<ast::StringLit>(&literal.node);
  if (field == nullptr || value == nullptr || field->enum_values.empty()) return;
  for (const auto& allowed : field->enum_values) {
    if (allowed == value->value ||
        (field->enum_case_insensitive && lowered(allowed) == lowered(value->value))) {
      return;
    }
  }
  std::string hint = diagnostics::did_you_mean(value->value, field->enum_values);
  const std::string allowed = "allowed values: \"" + join(field->enum_values, "\", \"") + "\"";
  hint = hint.empty() ? allowed : hint + " (" + allowed + ")";
  error(literal.range,
        fmt::format("\"{}\" is not a possible value of `{}`, so this comparison can never hold",
                    value->value, field->name),
        hint);
}

void ExpressionChecker::check_comparable(const ast::Binary& b, std::string_view op) {
  const Type& l = b.left->type;
  const Type& r = b.right->type;
  if (!is_known(l) || !is_known(r) || l.accepts(r)) return;
  const std::string lp = describe_path(*b.left);
  const std::string rp = describe_path(*b.right);
  error(b.right->range, fmt::format("`{}` compares {} with {}: {}", op,
                                    lp.empty() ? a_type(l) : "`" + lp + "` (" + l.name() + ")",
                                    rp.empty() ? a_type(r) : "`" + rp + "` (" + r.name() + ")",
                                    op == "=="   ? "they are never equal"
                                    : op == "!=" ? "they are always different"
                                                 : "they cannot be ordered"));
}

Type ExpressionChecker::check_binary(ast::Expr&, ast::Binary& b) {
  using Op = ast::BinaryOp;
  switch (b.op) {
    case Op::And:
    case Op::Or:
      check_condition(*b.left, b.op == Op::And ? "`and`" : "`or`");
      check_condition(*b.right, b.op == Op::And ? "`and`" : "`or`");
      return Type::boolean();
    case Op::Eq:
    case Op::Ne:
      check(*b.left);
      check(*b.right);
      check_enum_value(*b.left, *b.right);
      check_enum_value(*b.right, *b.left);
      check_comparable(b, operator_text(b.op));
      return Type::boolean();
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge: {
      const Type l = check(*b.left);
      const Type r = check(*b.right);
      for (const auto* side : {&l, &r}) {
        if (is_known(*side) && !side->is(Type::Kind::Number) && !side->is(Type::Kind::String)) {
          error((side == &l ? b.left : b.right)->range,
                fmt::format("`{}` orders numbers or strings, not {}", operator_text(b.op),
                            a_type(*side)));
          return Type::boolean();
        }
      }
      check_comparable(b, operator_text(b.op));
      return Type::boolean();
    }
    case Op::In:
    case Op::NotIn: {
      const Type l = check(*b.left);
      const Type r = check(*b.right);
      if (r.is(Type::Kind::List)) {
        if (const auto* list = std::get_if<ast::ListLit>(&b.right->node)) {
          for (const auto& item : list->items)
            check_enum_value(*b.left, *item);
        }
        if (const schema::Field* f = field_of(*b.right); f && !f->enum_values.empty()) {
          fields_[b.right.get()] = f;
          check_enum_value(*b.right, *b.left);
        }
        if (is_known(l) && is_known(r.element()) && !r.element().accepts(l)) {
          error(b.left->range,
                fmt::format("looking for {} in {}: it can never be found", a_type(l), a_type(r)));
        }
      } else if (r.is(Type::Kind::String)) {
        if (is_known(l) && !l.is(Type::Kind::String)) {
          error(b.left->range,
                fmt::format("`in` a string looks for a substring, not {}", a_type(l)));
        }
      } else if (r.is(Type::Kind::Map) || r.is(Type::Kind::Struct)) {
        if (is_known(l) && !l.is(Type::Kind::String)) {
          error(b.left->range,
                fmt::format("`in` an object looks for a key (a string), not {}", a_type(l)));
        }
      } else if (is_known(r)) {
        error(b.right->range,
              fmt::format("`in` needs a list, a string or an object on its right, not {}",
                          a_type(r)));
      }
      return Type::boolean();
    }
    case Op::Matches: {
      const Type l = check(*b.left);
      const Type r = check(*b.right);
      if (is_known(l) && !l.is(Type::Kind::String)) {
        error(b.left->range, fmt::format("`matches` tests a string, not {}", a_type(l)));
      }
      if (is_known(r) && !r.is(Type::Kind::Regex) && !r.is(Type::Kind::String)) {
        error(b.right->range,
              fmt::format("`matches` needs a regular expression like /^root$/, not {}", a_type(r)));
      }
      return Type::boolean();
    }
    case Op::Add:
    case Op::Sub:
    case Op::Mul:
    case Op::Div: {
      const Type l = check(*b.left);
      const Type r = check(*b.right);
      const bool strings_allowed = b.op == Op::Add;
      for (const auto* side : {&l, &r}) {
        const bool ok =
            side->is(Type::Kind::Number) || (strings_allowed && side->is(Type::Kind::String));
        if (is_known(*side) && !ok) {
          error((side == &l ? b.left : b.right)->range,
                fmt::format("`{}` needs {}, not {}", operator_text(b.op),
                            strings_allowed ? "numbers or strings" : "numbers", a_type(*side)));
          return Type::any();
        }
      }
      if (is_known(l) && is_known(r) && !(l == r)) {
        error(b.right->range, fmt::format("`+` cannot combine {} with {}", a_type(l), a_type(r)));
      }
      return is_known(l) ? l : r;
    }
  }
  return Type::any();
}

Type ExpressionChecker::check_quantifier(ast::Expr&, ast::Quantifier& q) {
  const char* kind = q.kind == ast::QuantifierKind::Any   ? "`any`"
                     : q.kind == ast::QuantifierKind::All ? "`all`"
                                                          : "`count`";
  const auto [element, field] = check_collection(*q.collection, kind);
  const std::size_t depth = locals_.depth();
  if (q.variable == "task" || locals_.find(q.variable) ||
      module_scope_.own->constants.count(q.variable) != 0) {
    error(q.variable_range,
          fmt::format("`{}` is already defined; choose another name", q.variable));
  }
  LocalName& bound = locals_.bind(
      {q.variable, ast::NameKind::Binding, 0, element, field, q.variable_range, false});
  q.slot = bound.slot;
  check_condition(*q.condition, kind);
  report_unused(locals_.pop_to(depth), "variable");
  return q.kind == ast::QuantifierKind::Count ? Type::number() : Type::boolean();
}

}  // namespace taskguard::checker
