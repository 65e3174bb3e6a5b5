#include "interpreter/explain/trace.hpp"

#include <fmt/core.h>

#include "interpreter/builtins/binding.hpp"
#include "interpreter/value/operators.hpp"
#include "stdlib/builtins/catalog.hpp"
#include "stdlib/schema/schema.hpp"

namespace taskguard::explain {
namespace {

using document::Node;
using vm::Value;
using vm::ValueKind;

// A value with the schema type the document promises for it (for defaults) and, for document
// values, the node it was read from (for `read` and for locations).
struct Typed {
  Value value;
  Type type = Type::any();
  const Node* node = nullptr;
  bool defaulted = false;
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

Truth truth_of(const Value& v) {
  if (v.is(ValueKind::Bool)) return v.as_bool() ? Truth::True : Truth::False;
  if (v.is_unknown()) return Truth::Unknown;
  return Truth::NotBoolean;
}

class Tracer {
 public:
  Tracer(const checker::CheckedProgram& program, const document::TaskDefinition& task,
         const ParameterValues& parameters)
      : program_(program), task_(task), parameters_(parameters) {}

  RuleTrace run(std::size_t index) {
    const ast::Rule& rule = *program_.rules[index];
    const RuleMetadata& metadata = program_.metadata[index];
    title_ = metadata.title.empty() ? metadata.name : metadata.title;
    file_ = metadata.file;
    RuleTrace out{metadata.id, metadata.name, {}};
    clauses(rule, 0);
    if (out_.empty()) {
      BindingTrace na;
      na.status = Status::NotApplicable;
      na.message = title_;
      na.pointer = task_.root->pointer();
      na.steps = std::move(steps_);
      out_.push_back(std::move(na));
    } else if (!steps_.empty()) {
      // Guards that were false after the last binding: shown with the last binding.
      auto& last = out_.back().steps;
      last.insert(last.end(), steps_.begin(), steps_.end());
    }
    out.bindings = std::move(out_);
    return out;
  }

 private:
  struct Binding {
    std::string name;
    Typed value;
  };

  const Node* default_location() const {
    return for_nodes_.empty() || for_nodes_.back() == nullptr ? task_.root : for_nodes_.back();
  }

  std::vector<std::string> binding_names() const {
    std::vector<std::string> out;
    for (const auto& b : for_bindings_)
      out.push_back(b);
    return out;
  }

  void emit(Status status, std::string message, const Node* location) {
    BindingTrace b;
    b.bindings = binding_names();
    b.status = status;
    b.message = std::move(message);
    b.pointer = (location ? location : default_location())->pointer();
    b.steps = std::move(steps_);
    steps_.clear();
    out_.push_back(std::move(b));
  }

  void clauses(const ast::Rule& rule, std::size_t i) {
    if (i == rule.clauses.size()) {
      verdict(rule);
      return;
    }
    const ast::Clause& clause = rule.clauses[i];
    Typed subject;
    try {
      if (clause.kind == ast::Clause::Kind::When) {
        subject = decision(*clause.expr);
        const vm::Truth t = vm::truth(subject.value, "the `when` guard");
        if (t == vm::Truth::Unknown) {
          emit(Status::Unknown,
               title_ +
                   ": cannot tell whether the rule applies (its `when` guard depends on an unknown "
                   "value)",
               nullptr);
          return;
        }
        if (t == vm::Truth::False) return;
        clauses(rule, i + 1);
        return;
      }
      subject = eval(*clause.expr);
      if (subject.value.is_unknown()) {
        emit(Status::Unknown,
             title_ + ": cannot check the elements of a collection whose value is unknown",
             subject.value.as_node());
        return;
      }
      if (!subject.value.is_null() && !subject.value.is_array_like()) {
        throw vm::RuntimeError("`for` cannot iterate over a " +
                               std::string(vm::kind_name(subject.value.kind())));
      }
    } catch (const vm::RuntimeError& e) {
      emit(Status::Error, fmt::format("{}: {}", title_, e.what()), nullptr);
      return;
    }
    // Steps of the collection belong to every binding made from it.
    const std::vector<Step> prefix = steps_;
    for (std::size_t k = 0, n = vm::item_count(subject.value); k < n; ++k) {
      Typed element{vm::item_at(subject.value, k), subject.type.element(),
                    vm::item_node(subject.value, k)};
      scope_.push_back({clause.variable, element});
      for_nodes_.push_back(element.node);
      for_bindings_.push_back(
          fmt::format("{} = {}", clause.variable,
                      element.node ? element.node->pointer() : vm::display(element.value)));
      if (k > 0) steps_ = prefix;
      clauses(rule, i + 1);
      for_bindings_.pop_back();
      for_nodes_.pop_back();
      scope_.pop_back();
    }
  }

  void verdict(const ast::Rule& rule) {
    const Node* location = nullptr;
    try {
      const vm::Truth t = vm::truth(decision(*rule.condition).value, "the rule's condition");
      const bool deny = rule.verdict == ast::Rule::Verdict::Deny;
      const Status status = t == vm::Truth::Unknown          ? Status::Unknown
                            : (t == vm::Truth::True) == deny ? Status::Fail
                                                             : Status::Pass;
      tracing_ = false;  // the location and message are not part of the decision
      location = rule.location ? locate(*rule.location) : nullptr;
      std::string message;
      if (status != Status::Pass)
        message = rule.message ? vm::display(eval(*rule.message).value) : title_;
      tracing_ = true;
      emit(status, std::move(message), location);
    } catch (const vm::RuntimeError& e) {
      tracing_ = true;
      emit(Status::Error, fmt::format("{}: {}", title_, e.what()), location);
    }
  }

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

  Typed decision(const ast::Expr& e) {
    next_is_decision_ = true;
    return eval(e);
  }

  // Evaluates and records: the step is reserved before the operands so that it precedes them.
  Typed eval(const ast::Expr& e) {
    const bool is_decision = next_is_decision_;
    next_is_decision_ = false;
    const bool literal = std::holds_alternative<ast::NullLit>(e.node) ||
                         std::holds_alternative<ast::BoolLit>(e.node) ||
                         std::holds_alternative<ast::NumberLit>(e.node) ||
                         std::holds_alternative<ast::StringLit>(e.node) ||
                         std::holds_alternative<ast::RegexLit>(e.node) ||
                         std::holds_alternative<ast::Interpolation>(e.node);
    if (!tracing_ || (literal && !is_decision)) {
      return std::visit([&](const auto& node) { return eval_node(e, node); }, e.node);
    }
    const std::size_t slot = steps_.size();
    steps_.push_back({depth_, file_, e.range, "", Truth::NotBoolean, "", is_decision});
    ++depth_;
    Typed result;
    try {
      result = std::visit([&](const auto& node) { return eval_node(e, node); }, e.node);
    } catch (const vm::RuntimeError& error) {
      --depth_;
      steps_[slot].value = fmt::format("error: {}", error.what());
      throw;
    }
    --depth_;
    Step& step = steps_[slot];
    step.value = vm::display(result.value);
    if (result.value.is(ValueKind::String)) step.value = fmt::format("\"{}\"", step.value);
    step.truth = truth_of(result.value);
    const Node* read =
        result.node ? result.node : (result.value.is_unknown() ? result.value.as_node() : nullptr);
    if (result.defaulted) {
      step.read = "default (absent from the document)";
    } else if (read != nullptr && !std::holds_alternative<ast::Name>(e.node)) {
      step.read = read->pos.known()
                      ? fmt::format("{} at {}:{}:{}", read->pointer(), task_.origin.file,
                                    read->pos.line, read->pos.column)
                      : read->pointer();
      if (read->is_unknown()) step.read += fmt::format(" (unknown: {})", read->text());
    }
    return result;
  }

  Typed eval_node(const ast::Expr&, const ast::NullLit&) { return {}; }
  Typed eval_node(const ast::Expr&, const ast::BoolLit& b) { return {Value::boolean(b.value)}; }
  Typed eval_node(const ast::Expr&, const ast::NumberLit& n) { return {Value::number(n.value)}; }
  Typed eval_node(const ast::Expr&, const ast::StringLit& s) { return {Value::string(s.value)}; }
  Typed eval_node(const ast::Expr&, const ast::RegexLit& r) {
    return {scratch_.make_string(r.pattern), Type::regex()};
  }
  Typed eval_node(const ast::Expr&, const ast::ListLit& l) {
    std::vector<Value> items;
    std::vector<Value> origins;  // so that `for x in [task.a, task.b] ... at x` can point at a
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
        const bool was = tracing_;
        tracing_ = false;  // a constant's definition is not this document's data
        Typed t = eval(*program_.constants[n.slot]->value);
        tracing_ = was;
        scope_ = std::move(saved);
        return t;
      }
      case ast::NameKind::Parameter: {
        const ast::Let* let = program_.constants[n.slot];
        for (const auto& [name, json] : parameters_) {
          if (name == let->name) return {from_json(json, scratch_)};
        }
        const bool was = tracing_;
        tracing_ = false;
        Typed t = eval(*let->value);
        tracing_ = was;
        return t;
      }
      default:
        if (const Binding* b = lookup(n.name)) return b->value;
        throw vm::RuntimeError("unbound name " + n.name);
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
    const Type child_type =
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
      return {from_json(*field->default_value, scratch_), child_type, nullptr, true};
    }
    if (field != nullptr && field->type.is(Type::Kind::List))
      return {scratch_.make_list({}), child_type, nullptr, true};
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
    if (v.is(ValueKind::Node)) {
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
      for (std::size_t i = 0; i < fn.params.size() && i < args.size(); ++i)
        frame.push_back({fn.params[i], args[i]});
      auto saved = std::move(scope_);
      scope_ = std::move(frame);
      const std::string saved_file = file_;
      file_ = function_file(fn);
      Typed result = eval(*fn.body);
      file_ = saved_file;
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
    if (fn == nullptr)
      throw vm::RuntimeError(fmt::format("builtin {} has no implementation", c.callee));
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
      const Value left = decision(*b.left).value;
      const vm::Truth lt = vm::truth(left, what);
      if (lt == (is_and ? vm::Truth::False : vm::Truth::True)) return {Value::boolean(!is_and)};
      const Value right = decision(*b.right).value;
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
        if (b.op == Op::Ne && t != vm::Truth::Unknown)
          t = t == vm::Truth::True ? vm::Truth::False : vm::Truth::True;
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

  std::string function_file(const ast::Function& fn) const {
    for (const auto& module : program_.modules) {
      for (const auto& f : module->functions) {
        if (&f == &fn) return module->file;
      }
    }
    return file_;
  }

  const checker::CheckedProgram& program_;
  const document::TaskDefinition& task_;
  const ParameterValues& parameters_;
  std::string title_;
  std::string file_;
  std::vector<Binding> scope_;
  std::vector<const Node*> for_nodes_;
  std::vector<std::string> for_bindings_;
  std::vector<BindingTrace> out_;
  std::vector<Step> steps_;
  std::uint32_t depth_ = 0;
  bool tracing_ = true;
  bool next_is_decision_ = false;
  bool stopped_ = false;
  vm::Scratch scratch_;
  vm::RegexCache regexes_;
};

}  // namespace

RuleTrace trace_rule(const checker::CheckedProgram& program, std::size_t rule,
                     const document::TaskDefinition& task, const ParameterValues& parameters) {
  Tracer tracer(program, task, parameters);
  return tracer.run(rule);
}

}  // namespace taskguard::explain
