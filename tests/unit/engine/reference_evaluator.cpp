#include "tests/unit/engine/reference_evaluator.hpp"

#include <fmt/core.h>

#include <map>

#include "interpreter/builtins/binding.hpp"
#include "interpreter/value/operators.hpp"
#include "stdlib/builtins/catalog.hpp"
#include "stdlib/schema/schema.hpp"

namespace taskguard::engine_test {

namespace {

using document::Node;
using vm::Value;
using vm::ValueKind;

// A value with the schema type the document promises for it (for defaults) and, for document
// values, the node it came from (for locations).
struct Typed {
  Value value;
  Type type = Type::any();
  const Node* node = nullptr;
};

Value from_json(const nlohmann::json& j, vm::Scratch& scratch) {
  switch (j.type()) {
    case nlohmann::json::value_t::boolean:
      return Value::boolean(j.get<bool>());
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      return Value::number(j.get<double>());
    case nlohmann::json::value_t::string:
      return scratch.make_string(j.get<std::string>());
    case nlohmann::json::value_t::array: {
      std::vector<Value> items;
      for (const auto& item : j)
        items.push_back(from_json(item, scratch));
      return scratch.make_list(items);
    }
    case nlohmann::json::value_t::object: {
      std::vector<vm::RecordEntry> entries;
      for (const auto& [k, v] : j.items())
        entries.push_back({scratch.string(k), from_json(v, scratch)});
      return scratch.make_record(entries);
    }
    default:
      return Value::null();
  }
}

class Reference {
 public:
  Reference(const checker::CheckedProgram& program, const document::TaskDefinition& task,
            const ParameterValues& parameters)
      : program_(program), task_(task), parameters_(parameters) {}

  std::vector<ReferenceOutcome> run(const ast::Rule& rule, const RuleMetadata& metadata) {
    title_ = metadata.title.empty() ? metadata.name : metadata.title;
    clauses(rule, 0);
    if (out_.empty()) out_.push_back({Status::NotApplicable, title_, task_.root->pointer()});
    return std::move(out_);
  }

 private:
  struct Binding {
    std::string name;
    Typed value;
  };

  const Node* default_location() const {
    return for_nodes_.empty() || for_nodes_.back() == nullptr ? task_.root : for_nodes_.back();
  }

  void clauses(const ast::Rule& rule, std::size_t i) {
    if (i == rule.clauses.size()) {
      verdict(rule);
      return;
    }
    const ast::Clause& clause = rule.clauses[i];
    Typed subject;
    try {
      subject = eval(*clause.expr);
      if (clause.kind == ast::Clause::Kind::When) {
        const vm::Truth t = vm::truth(subject.value, "the `when` guard");
        if (t == vm::Truth::Unknown) {
          out_.push_back({Status::Unknown,
                          title_ + ": cannot tell whether the rule applies (its `when` guard "
                                   "depends on an unknown value)",
                          default_location()->pointer()});
          return;
        }
        if (t == vm::Truth::False) return;
        clauses(rule, i + 1);
        return;
      }
      if (subject.value.is_unknown()) {
        const Node* n = subject.value.as_node() ? subject.value.as_node() : default_location();
        out_.push_back({Status::Unknown,
                        title_ + ": cannot check the elements of a collection whose value is "
                                 "unknown",
                        n->pointer()});
        return;
      }
      if (!subject.value.is_null() && !subject.value.is_array_like()) {
        throw vm::RuntimeError("`for` cannot iterate over a " +
                               std::string(vm::kind_name(subject.value.kind())));
      }
    } catch (const vm::RuntimeError& e) {
      out_.push_back(
          {Status::Error, fmt::format("{}: {}", title_, e.what()), default_location()->pointer()});
      return;
    }
    for (std::size_t k = 0, n = vm::item_count(subject.value); k < n; ++k) {
      Typed element{vm::item_at(subject.value, k), subject.type.element(),
                    vm::item_node(subject.value, k)};
      scope_.push_back({clause.variable, element});
      for_nodes_.push_back(element.node);
      clauses(rule, i + 1);
      for_nodes_.pop_back();
      scope_.pop_back();
    }
  }

  void verdict(const ast::Rule& rule) {
    Status status = Status::Pass;
    const Node* location = nullptr;
    bool decided = false;
    try {
      const vm::Truth t = vm::truth(eval(*rule.condition).value, "the rule's condition");
      const bool deny = rule.verdict == ast::Rule::Verdict::Deny;
      status = t == vm::Truth::Unknown          ? Status::Unknown
               : (t == vm::Truth::True) == deny ? Status::Fail
                                                : Status::Pass;
      decided = true;
      location = rule.location ? locate(*rule.location) : nullptr;
      if (location == nullptr) location = default_location();
      std::string message;
      if (status != Status::Pass) {
        message = rule.message ? vm::display(eval(*rule.message).value) : title_;
      }
      out_.push_back({status, message, location->pointer()});
    } catch (const vm::RuntimeError& e) {
      (void)decided;
      out_.push_back({Status::Error, fmt::format("{}: {}", title_, e.what()),
                      (location ? location : default_location())->pointer()});
    }
  }

  // The `at` path: the deepest node present along it.
  const Node* locate(const ast::Expr& e) {
    if (const auto* m = std::get_if<ast::Member>(&e.node)) {
      const Node* base = locate(*m->base);
      if (base == nullptr || stopped_) return base;
      const Node* child = base->is_object() ? base->get(std::string_view(m->name)) : nullptr;
      if (child == nullptr) stopped_ = true;
      return child ? child : base;
    }
    if (const auto* ix = std::get_if<ast::Index>(&e.node)) {
      const Node* base = locate(*ix->base);
      if (base == nullptr || stopped_) return base;
      const Value index = eval(*ix->index).value;
      const Node* child = nullptr;
      if (base->is_array() && index.is(ValueKind::Number) && index.as_number() >= 0 &&
          index.as_number() < static_cast<double>(base->items().size()) &&
          index.as_number() == static_cast<double>(static_cast<std::size_t>(index.as_number()))) {
        child = base->items()[static_cast<std::size_t>(index.as_number())];
      } else if (base->is_object() && index.is(ValueKind::String)) {
        child = base->get(index.as_string());
      }
      if (child == nullptr) stopped_ = true;
      return child ? child : base;
    }
    stopped_ = false;
    const Typed t = eval(e);
    if (t.node != nullptr) return t.node;
    if (t.value.is(ValueKind::Node) || t.value.is_unknown()) return t.value.as_node();
    return nullptr;
  }

  const Binding* lookup(const std::string& name) const {
    for (auto it = scope_.rbegin(); it != scope_.rend(); ++it) {
      if (it->name == name) return &*it;
    }
    return nullptr;
  }

  Typed eval(const ast::Expr& e) {
    return std::visit([&](const auto& node) { return eval_node(e, node); }, e.node);
  }

  Typed eval_node(const ast::Expr&, const ast::NullLit&) { return {}; }
  Typed eval_node(const ast::Expr&, const ast::BoolLit& b) { return {Value::boolean(b.value)}; }
  Typed eval_node(const ast::Expr&, const ast::NumberLit& n) { return {Value::number(n.value)}; }
  Typed eval_node(const ast::Expr&, const ast::StringLit& s) { return {Value::string(s.value)}; }
  Typed eval_node(const ast::Expr&, const ast::RegexLit& r) {
    return {scratch_.make_string(r.pattern), Type::regex()};  // `matches` takes strings too
  }
  Typed eval_node(const ast::Expr&, const ast::ListLit& l) {
    std::vector<Value> items;
    std::vector<Value> origins;
    for (const auto& item : l.items) {
      const Typed t = eval(*item);
      items.push_back(t.value);
      origins.push_back(t.node != nullptr ? Value::node_ref(t.node) : Value::null());
    }
    return {scratch_.make_located_list(items, origins)};
  }
  Typed eval_node(const ast::Expr&, const ast::Name& n) {
    switch (n.kind) {
      case ast::NameKind::Task:
        return {Value::from_node(task_.root),
                Type::structure(&schema::Schema::task_definition().root()), task_.root};
      case ast::NameKind::Constant: {
        auto saved = std::move(scope_);
        scope_.clear();
        Typed t = eval(*program_.constants[n.slot]->value);
        scope_ = std::move(saved);
        return t;
      }
      case ast::NameKind::Parameter: {
        const ast::Let* let = program_.constants[n.slot];
        for (const auto& [name, json] : parameters_) {
          if (name == let->name) return {from_json(json, scratch_)};
        }
        return eval(*let->value);
      }
      default:
        if (const Binding* b = lookup(n.name)) return b->value;
        throw std::logic_error("unbound name " + n.name);
    }
  }
  Typed eval_node(const ast::Expr&, const ast::Member& m) {
    const Typed base = eval(*m.base);
    const Value& v = base.value;
    if (v.is_null() || v.is_unknown()) return {v};
    const schema::Field* field = nullptr;
    if (base.type.is(Type::Kind::Struct) && base.type.struct_definition() != nullptr) {
      field = base.type.struct_definition()->find(m.name);
    }
    Type child_type =
        field ? field->type : (base.type.is(Type::Kind::Map) ? base.type.element() : Type::any());
    const Node* child = nullptr;
    if (v.is(ValueKind::Node) && v.as_node()->is_object()) {
      child = v.as_node()->get(std::string_view(m.name));
    } else if (v.is(ValueKind::Record)) {
      const Value* found = v.as_record().find(m.name);
      if (found != nullptr && !found->is_null()) return {*found, child_type};
    } else {
      throw vm::RuntimeError(
          fmt::format("cannot read field `{}` of a {}", m.name, vm::kind_name(v.kind())));
    }
    if (child != nullptr && !child->is_null()) return {Value::from_node(child), child_type, child};
    if (field != nullptr && field->default_value) {
      return {from_json(*field->default_value, scratch_), child_type};
    }
    if (field != nullptr && field->type.is(Type::Kind::List)) {
      return {scratch_.make_list({}), child_type};
    }
    return {Value::null(), child_type};
  }
  Typed eval_node(const ast::Expr&, const ast::Index& ix) {
    const Typed base = eval(*ix.base);
    const Value index = eval(*ix.index).value;
    const Value& v = base.value;
    if (v.is_unknown()) return {v};
    if (index.is_unknown()) return {index};
    const Type element = base.type.element();
    if (v.is_array_like()) {
      if (!index.is(ValueKind::Number) || index.as_number() < 0 ||
          index.as_number() >= static_cast<double>(vm::item_count(v)) ||
          index.as_number() != static_cast<double>(static_cast<std::size_t>(index.as_number()))) {
        return {Value::null()};
      }
      const auto i = static_cast<std::size_t>(index.as_number());
      return {vm::item_at(v, i), element, vm::item_node(v, i)};
    }
    if (v.is(ValueKind::Node)) {  // an object node
      const Node* child =
          index.is(ValueKind::String) ? v.as_node()->get(index.as_string()) : nullptr;
      return {Value::from_node(child), element, child};
    }
    if (v.is(ValueKind::Record)) {
      const Value* found =
          index.is(ValueKind::String) ? v.as_record().find(index.as_string()) : nullptr;
      return {found ? *found : Value::null(), element};
    }
    if (v.is_null()) return {};
    throw vm::RuntimeError(fmt::format("cannot index a {}", vm::kind_name(v.kind())));
  }
  Typed eval_node(const ast::Expr&, const ast::Call& c) {
    if (c.callee == "has" && c.args.size() == 1 && c.target != ast::Call::Target::Function) {
      return {has(*c.args[0])};
    }
    std::vector<Typed> args;
    for (const auto& a : c.args)
      args.push_back(eval(*a));
    if (c.target == ast::Call::Target::Function) {
      const ast::Function& fn = *program_.functions[c.target_index];
      std::vector<Binding> frame;
      for (std::size_t i = 0; i < fn.params.size() && i < args.size(); ++i) {
        frame.push_back({fn.params[i], args[i]});
      }
      auto saved = std::move(scope_);
      scope_ = std::move(frame);
      Typed result = eval(*fn.body);
      scope_ = std::move(saved);
      return result;
    }
    const builtins::Builtin& entry = builtins::catalog()[c.target_index];
    std::vector<Value> values;
    for (const Typed& a : args)
      values.push_back(a.value);
    if (entry.propagates_unknown) {
      for (const Value& v : values) {
        if (v.is_unknown()) return {v};
      }
    }
    vm::BuiltinFunction fn = vm::builtin_table()[c.target_index];
    if (fn == nullptr) throw vm::RuntimeError("builtin has no implementation");
    vm::BuiltinContext context{scratch_, regexes_};
    return {fn(context, values)};
  }
  Value has(const ast::Expr& arg) {
    if (const auto* m = std::get_if<ast::Member>(&arg.node)) {
      const Value base = eval(*m->base).value;
      if (base.is_unknown()) return base;
      return Value::boolean(vm::has_member(base, m->name));
    }
    if (const auto* ix = std::get_if<ast::Index>(&arg.node)) {
      const Value base = eval(*ix->base).value;
      const Value index = eval(*ix->index).value;
      if (base.is_unknown()) return base;
      if (index.is_unknown()) return index;
      if (base.is_array_like()) {
        return Value::boolean(index.is(ValueKind::Number) && index.as_number() >= 0 &&
                              index.as_number() < static_cast<double>(vm::item_count(base)));
      }
      return Value::boolean(index.is(ValueKind::String) && vm::has_member(base, index.as_string()));
    }
    const Value v = eval(arg).value;
    if (v.is_unknown()) return v;
    return Value::boolean(!v.is_null());
  }
  Typed eval_node(const ast::Expr&, const ast::Unary& u) {
    const Value v = eval(*u.operand).value;
    if (u.op == ast::UnaryOp::Negate) return {vm::negate(v)};
    const vm::Truth t = vm::truth(v, "the operand of `not`");
    if (t == vm::Truth::Unknown) return {v};
    return {Value::boolean(t == vm::Truth::False)};
  }
  Typed eval_node(const ast::Expr&, const ast::Binary& b) {
    using Op = ast::BinaryOp;
    if (b.op == Op::And || b.op == Op::Or) {
      const bool is_and = b.op == Op::And;
      const char* what = is_and ? "an operand of `and`" : "an operand of `or`";
      const Value left = eval(*b.left).value;
      const vm::Truth lt = vm::truth(left, what);
      if (lt == (is_and ? vm::Truth::False : vm::Truth::True)) return {Value::boolean(!is_and)};
      const Value right = eval(*b.right).value;
      const vm::Truth rt = vm::truth(right, what);
      const vm::Truth t = is_and ? vm::kleene_and(lt, rt) : vm::kleene_or(lt, rt);
      return {vm::truth_value(t, left.is_unknown() ? left : right)};
    }
    const Value l = eval(*b.left).value;
    const Value r = eval(*b.right).value;
    switch (b.op) {
      case Op::Eq:
      case Op::Ne: {
        vm::Truth t = vm::equal(l, r);
        if (b.op == Op::Ne && t != vm::Truth::Unknown) {
          t = t == vm::Truth::True ? vm::Truth::False : vm::Truth::True;
        }
        return {vm::truth_value(t, l.is_unknown() ? l : r)};
      }
      case Op::Lt:
        return {vm::order(vm::Ordering::Less, l, r)};
      case Op::Le:
        return {vm::order(vm::Ordering::LessEqual, l, r)};
      case Op::Gt:
        return {vm::order(vm::Ordering::Greater, l, r)};
      case Op::Ge:
        return {vm::order(vm::Ordering::GreaterEqual, l, r)};
      case Op::In:
      case Op::NotIn: {
        Value v = vm::contains(l, r);
        if (b.op == Op::NotIn && v.is(ValueKind::Bool)) v = Value::boolean(!v.as_bool());
        return {v};
      }
      case Op::Matches:
        return {vm::matches(l, r, regexes_)};
      case Op::Add:
        return {vm::arithmetic(vm::Arithmetic::Add, l, r, scratch_)};
      case Op::Sub:
        return {vm::arithmetic(vm::Arithmetic::Subtract, l, r, scratch_)};
      case Op::Mul:
        return {vm::arithmetic(vm::Arithmetic::Multiply, l, r, scratch_)};
      case Op::Div:
        return {vm::arithmetic(vm::Arithmetic::Divide, l, r, scratch_)};
      default:
        return {};
    }
  }
  Typed eval_node(const ast::Expr&, const ast::Quantifier& q) {
    const Typed collection = eval(*q.collection);
    if (collection.value.is_unknown()) return {collection.value};
    if (!collection.value.is_null() && !collection.value.is_array_like()) {
      throw vm::RuntimeError(fmt::format("a quantifier cannot iterate over a {}",
                                         vm::kind_name(collection.value.kind())));
    }
    bool saw_unknown = false;
    Value unknown = Value::unknown(nullptr);
    double count = 0;
    for (std::size_t k = 0, n = vm::item_count(collection.value); k < n; ++k) {
      scope_.push_back({q.variable,
                        {vm::item_at(collection.value, k), collection.type.element(),
                         vm::item_node(collection.value, k)}});
      const Value c = eval(*q.condition).value;
      scope_.pop_back();
      const vm::Truth t = vm::truth(c, "a quantifier's condition");
      if (t == vm::Truth::Unknown && !saw_unknown) {
        saw_unknown = true;
        unknown = c;
      }
      if (q.kind == ast::QuantifierKind::Any && t == vm::Truth::True) return {Value::boolean(true)};
      if (q.kind == ast::QuantifierKind::All && t == vm::Truth::False)
        return {Value::boolean(false)};
      if (t == vm::Truth::True) count += 1;
    }
    if (saw_unknown) return {unknown};
    if (q.kind == ast::QuantifierKind::Count) return {Value::number(count)};
    return {Value::boolean(q.kind == ast::QuantifierKind::All)};
  }
  Typed eval_node(const ast::Expr&, const ast::Interpolation& in) {
    std::string text;
    for (const auto& part : in.parts) {
      if (part.expr) {
        vm::append_display(text, eval(*part.expr).value);
      } else {
        text += part.text;
      }
    }
    return {scratch_.make_string(text)};
  }

  const checker::CheckedProgram& program_;
  const document::TaskDefinition& task_;
  const ParameterValues& parameters_;
  std::string title_;
  std::vector<Binding> scope_;
  std::vector<const Node*> for_nodes_;
  std::vector<ReferenceOutcome> out_;
  vm::Scratch scratch_;
  vm::RegexCache regexes_;
  bool stopped_ = false;
};

}  // namespace

std::vector<ReferenceOutcome> reference_evaluate(const checker::CheckedProgram& program,
                                                 std::size_t rule,
                                                 const document::TaskDefinition& task,
                                                 const ParameterValues& parameters) {
  Reference reference(program, task, parameters);
  return reference.run(*program.rules[rule], program.metadata[rule]);
}

}  // namespace taskguard::engine_test
