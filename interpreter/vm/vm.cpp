#include "interpreter/vm/vm.hpp"

#include <fmt/core.h>

#include "interpreter/builtins/binding.hpp"
#include "language/bytecode/chunk.hpp"
#include "stdlib/builtins/catalog.hpp"
#include "stdlib/limits/limits.hpp"

namespace taskguard::vm {

using bytecode::Opcode;
using document::Node;
using program::Constant;

struct Vm::Iterator {
  Value collection;
  std::uint32_t index = 0;
  std::uint32_t size = 0;
  std::uint8_t quantifier = 0;  // 0 any, 1 all, 2 count
  bool decided = false;         // any found a true element / all found a false one
  bool saw_unknown = false;
  Value unknown_origin;
  double count = 0;
  const Node* current = nullptr;  // for clauses: the bound element, for default locations

  void start(const Value& c, std::uint8_t kind) {
    collection = c;
    index = 0;
    size = static_cast<std::uint32_t>(item_count(c));
    quantifier = kind;
    decided = false;
    saw_unknown = false;
    unknown_origin = Value::null();
    count = 0;
    current = nullptr;
  }
};

// The state of one rule evaluation on one task definition.
struct Vm::Frame {
  const program::Rule& rule;
  std::size_t rule_index;
  const document::TaskDefinition& task;
  OutcomeSink& sink;
  std::string_view family;
  std::size_t emitted = 0;
  std::size_t handler = 0;
  // Iterators of the for clauses now binding: the Vm's list, emptied for each rule, so that a
  // rule evaluation allocates nothing.
  std::vector<std::uint16_t>& active_for;
  bool assumed = false;
  struct Pending {
    bool active = false;
    Status status = Status::Pass;
    const Node* location = nullptr;
    bool has_message = false;  // the message is in Vm::message_
    Value unknown_origin;

    void reset() {
      active = false;
      status = Status::Pass;
      location = nullptr;
      has_message = false;
      unknown_origin = Value();
    }
  } pending;
  // While a cached value is being computed (LoadCached missed, StoreCached not reached): the
  // binding's `assumed` from before it, so that the cache records what the value itself rests on.
  bool computing_cached = false;
  bool assumed_before_cached = false;
};

namespace {

schema::KeyId field_key(std::string_view name) {
  return schema::Schema::task_definition().key(name);
}

std::string unknown_reason(const Value& v) {
  if (v.is_unknown() && v.as_node() != nullptr) return std::string(v.as_node()->text());
  return {};
}

// The container a location is under: the element of the root's containerDefinitions.
std::string container_of(const Node* location, const Node* root) {
  static const schema::KeyId name_key = field_key("name");
  for (const Node* n = location; n != nullptr && n->parent != nullptr; n = n->parent) {
    const Node* array = n->parent;
    if (array->is_array() && array->parent == root && root->is_object() &&
        array->index_in_parent < root->members().size() &&
        root->members()[array->index_in_parent].key() == "containerDefinitions") {
      const Node* name = n->get(name_key);
      if (name == nullptr) name = n->get("name");
      return name != nullptr && name->is_string() ? std::string(name->text()) : std::string();
    }
  }
  return {};
}

std::string_view family_of(const Node* root) {
  static const schema::KeyId family_key = field_key("family");
  if (root == nullptr) return {};
  const Node* family = root->get(family_key);
  if (family == nullptr) family = root->get("family");
  return family != nullptr && family->is_string() ? family->text() : std::string_view();
}

const Node* lookup_member(const Node* object, const program::Key& key) {
  switch (key.lookup) {
    case program::KeyLookup::Id:
      return object->get(key.id);
    case program::KeyLookup::Name:
      return object->get(std::string_view(key.name));
    case program::KeyLookup::IdThenName: {
      const Node* m = key.id != schema::kNoKey ? object->get(key.id) : nullptr;
      return m != nullptr ? m : object->get(std::string_view(key.name));
    }
  }
  return nullptr;
}

// x[i] on an array (numeric i) or an object (string i); nullptr when absent or out of range.
const Node* node_index(const Node* base, const Value& index) {
  if (base->is_array() && index.is(ValueKind::Number)) {
    const double d = index.as_number();
    if (d < 0 || d != static_cast<double>(static_cast<std::size_t>(d)) ||
        d >= static_cast<double>(base->items().size())) {
      return nullptr;
    }
    return base->items()[static_cast<std::size_t>(d)];
  }
  if (base->is_object() && index.is(ValueKind::String)) return base->get(index.as_string());
  return nullptr;
}

}  // namespace

// `base.key`, in place: a member of a document object or of a record; an absent or null member
// is the compiled-in schema default (`fallback`), else null; null and unknown stay as they are.
// Inlined into both instructions that read fields: a call per field read costs what fusing
// LoadLocal into GetField saves.
[[gnu::always_inline]] inline void Vm::read_field(Value& base, const program::Key& key,
                                                  std::uint32_t fallback, bool& assumed) const {
  if (base.is(ValueKind::Node) && base.as_node()->is_object()) {
    const Node* m = lookup_member(base.as_node(), key);
    if (m != nullptr && !m->is_null()) {
      if (m->assumed) assumed = true;
      base = Value::from_node(m);
    } else {
      base = fallback == bytecode::kNoConstant ? Value::null() : constants_[fallback];
    }
  } else if (base.is(ValueKind::Record)) {
    const Value* m = base.as_record().find(key.name);
    base = m != nullptr && !m->is_null()
               ? *m
               : (fallback == bytecode::kNoConstant ? Value::null() : constants_[fallback]);
  } else if (!base.is_null() && !base.is_unknown()) {
    throw RuntimeError(
        fmt::format("cannot read field `{}` of a {}", key.name, kind_name(base.kind())));
  }
}

Vm::Vm(std::shared_ptr<const program::Program> program, const ParameterValues& overrides,
       std::uint64_t step_budget)
    : program_(std::move(program)), step_budget_(step_budget == 0 ? 1 : step_budget) {
  const auto& constants = program_->constants();
  constants_.reserve(constants.size());
  for (std::uint32_t i = 0; i < constants.size(); ++i)
    constants_.push_back(constant_value(i));

  std::vector<bool> used(overrides.size(), false);
  for (const program::Parameter& p : program_->parameters()) {
    Value value = constants_[p.default_value];
    std::size_t position = 0;
    for (const auto& [name, json] : overrides) {
      if (name == p.name || name == p.package + "." + p.name) {
        used[position] = true;
        const Constant& declared = constants[p.default_value];
        const bool fits = declared.kind == Constant::Kind::Null ||
                          (declared.kind == Constant::Kind::List && json.is_array()) ||
                          (declared.kind == Constant::Kind::String && json.is_string()) ||
                          (declared.kind == Constant::Kind::Regex && json.is_string()) ||
                          (declared.kind == Constant::Kind::Number && json.is_number()) ||
                          (declared.kind == Constant::Kind::Bool && json.is_boolean()) ||
                          (declared.kind == Constant::Kind::Object && json.is_object());
        if (!fits) {
          throw ParameterError(fmt::format("parameter `{}` expects a value like its default, {}",
                                           name, display(value)));
        }
        value = json_value(json);
      }
      ++position;
    }
    parameters_.push_back(value);
  }
  std::size_t position = 0;
  for (const auto& entry : overrides) {
    if (!used[position++]) {
      throw ParameterError(fmt::format("the policy pack declares no parameter `{}`", entry.first));
    }
  }

  // Keeps the program (and so every rule's metadata) alive as long as an outcome refers to it.
  const auto owner = std::make_shared<std::shared_ptr<const program::Program>>(program_);
  for (const program::Rule& rule : program_->rules())
    rule_metadata_.emplace_back(owner, rule.metadata.get());

  std::size_t max_stack = 1;
  std::size_t max_locals = 1;
  std::size_t max_iterators = 1;
  for (const program::Rule& rule : program_->rules()) {
    max_stack = std::max<std::size_t>(max_stack, rule.max_stack);
    max_locals = std::max<std::size_t>(max_locals, rule.local_count);
    max_iterators = std::max<std::size_t>(max_iterators, rule.iterator_count);
  }
  stack_.resize(max_stack + 1);
  locals_.resize(max_locals);
  local_nodes_.resize(max_locals);
  cached_.resize(max_locals, kNotCached);
  iterators_.resize(max_iterators);
  active_for_.reserve(max_iterators);
}

Vm::~Vm() = default;

Value Vm::constant_value(std::uint32_t index) {
  const Constant& c = program_->constants()[index];
  switch (c.kind) {
    case Constant::Kind::Null:
      return Value::null();
    case Constant::Kind::Bool:
      return Value::boolean(c.boolean);
    case Constant::Kind::Number:
      return Value::number(c.number);
    case Constant::Kind::String:
      return Value::string(c.text);
    case Constant::Kind::Regex:
      return Value::regex(program_->regex(index));
    case Constant::Kind::List: {
      std::vector<Value> items;
      for (std::uint32_t item : c.items)
        items.push_back(constants_[item]);
      return persistent_.make_list(items);
    }
    case Constant::Kind::Object: {
      std::vector<RecordEntry> entries;
      for (std::size_t k = 0; k < c.items.size(); k += 2) {
        entries.push_back({constants_[c.items[k]].as_string(), constants_[c.items[k + 1]]});
      }
      return persistent_.make_record(entries);
    }
  }
  return Value::null();
}

Value Vm::json_value(const nlohmann::json& json) {
  switch (json.type()) {
    case nlohmann::json::value_t::boolean:
      return Value::boolean(json.get<bool>());
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      return Value::number(json.get<double>());
    case nlohmann::json::value_t::string:
      return persistent_.make_string(json.get_ref<const std::string&>());
    case nlohmann::json::value_t::array: {
      std::vector<Value> items;
      for (const auto& item : json)
        items.push_back(json_value(item));
      return persistent_.make_list(items);
    }
    case nlohmann::json::value_t::object: {
      std::vector<RecordEntry> entries;
      for (const auto& [key, item] : json.items()) {
        entries.push_back({persistent_.string(key), json_value(item)});
      }
      return persistent_.make_record(entries);
    }
    default:
      return Value::null();
  }
}

void Vm::evaluate_all(const document::TaskDefinition& task, std::span<const bool> selected,
                      OutcomeSink& sink) {
  for (std::size_t r = 0; r < program_->rules().size(); ++r) {
    if (selected.empty() || (r < selected.size() && selected[r])) evaluate(r, task, sink);
  }
}

void Vm::evaluate(std::size_t rule_index, const document::TaskDefinition& task, OutcomeSink& sink) {
  const program::Rule& rule = program_->rules().at(rule_index);
  active_for_.clear();
  Frame frame{rule, rule_index, task, sink, family_of(task.root), 0, 0, active_for_, false, {}};
  for (std::size_t i = 0; i < rule.local_count; ++i) {
    locals_[i] = Value::null();
    local_nodes_[i] = nullptr;
    cached_[i] = kNotCached;
  }
  for (std::size_t i = 0; i < rule.iterator_count; ++i)
    iterators_[i].start(Value::null(), 0);
  run(frame);
}

// Threaded dispatch where the compiler has computed gotos (GCC, Clang): every instruction ends
// with a jump of its own to the next one's code, so the branch predictor learns which
// instruction follows which, instead of all of them sharing the switch's single jump (a
// simulated predictor missed 87% of those). The switch stays the entry point, the step-budget
// check and the portable path. TASKGUARD_DISPATCH() is used only as the last statement of a
// case: its `break` leaves the switch when the budget is about to run out.
#if defined(__GNUC__)
#define TASKGUARD_THREADED_DISPATCH 1
#define TASKGUARD_OP_LABEL(name) op_##name:
#define TASKGUARD_DISPATCH()          \
  if (budget <= 1) break;             \
  --budget;                           \
  op = static_cast<Opcode>(code[pc]); \
  operand = code + pc + 1;            \
  goto* kOpLabels[static_cast<std::uint8_t>(op)]
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"  // labels as values, computed goto
#else
#define TASKGUARD_THREADED_DISPATCH 0
#define TASKGUARD_OP_LABEL(name)
#define TASKGUARD_DISPATCH() break
#endif

void Vm::run(Frame& f) {
  const std::uint8_t* const code = f.rule.code.data();
  const auto& keys = program_->keys();
  const Node* const root = f.task.root;
  Value* const stack = stack_.data();
  std::size_t sp = 0;
  std::size_t pc = 0;
  std::uint64_t budget = step_budget_;
  const auto catalog = builtins::catalog();
  const auto implementations = builtin_table();
  BuiltinContext builtin_context{scratch_, regexes_};

  auto default_location = [&]() -> const Node* {
    if (!f.active_for.empty()) {
      const Node* n = iterators_[f.active_for.back()].current;
      if (n != nullptr) return n;
    }
    return root;
  };

  auto emit = [&](Status status, const Node* location, std::string message,
                  const Value& unknown_origin) {
    ++f.emitted;
    if (status == Status::Pass) ++f.sink.passes;
    if (status == Status::NotApplicable) ++f.sink.not_applicable;
    if ((status == Status::Pass || status == Status::NotApplicable) && !f.sink.list_every_outcome) {
      f.assumed = false;
      return;
    }
    Outcome& o = f.sink.outcomes.emplace_back();  // built in place: an outcome is a dozen strings
    o.rule = rule_metadata_[f.rule_index];
    o.status = status;
    o.severity = f.rule.metadata->severity;
    o.message = std::move(message);
    o.origin = f.task.origin;
    // Every outcome of a task definition shares one copy of its family.
    if (family_.view() != f.family) family_ = document::SharedText(f.family);
    o.family = family_;
    if (location == nullptr) location = root;
    if (location != nullptr) {
      o.container = container_of(location, root);
      if (f.sink.record_pointers) o.location.pointer = location->pointer();
      const Node* positioned = location;
      while (positioned != nullptr && !positioned->pos.known())
        positioned = positioned->parent;
      if (positioned != nullptr) {
        o.location.line = positioned->pos.line;
        o.location.column = positioned->pos.column;
      }
    }
    o.assumed = f.assumed;
    if (status == Status::Unknown) o.unknown_reason = unknown_reason(unknown_origin);
    f.assumed = false;
  };

  const std::string& title =
      f.rule.metadata->title.empty() ? f.rule.metadata->name : f.rule.metadata->title;

  Opcode op = Opcode::Halt;
  const std::uint8_t* operand = code;
#if TASKGUARD_THREADED_DISPATCH
  static const void* const kOpLabels[] = {
#define TASKGUARD_OP_ADDRESS(name, a, b, c, pops, pushes) &&op_##name,
      TASKGUARD_OPCODES(TASKGUARD_OP_ADDRESS)
#undef TASKGUARD_OP_ADDRESS
  };
#endif

  // A cached value's computation that stops half way leaves the binding as assumed as it was.
  auto abandon_cached = [&] {
    if (!f.computing_cached) return;
    f.assumed = f.assumed || f.assumed_before_cached;
    f.computing_cached = false;
  };

  for (;;) {
    try {
      for (;;) {
        if (--budget == 0) {
          abandon_cached();
          emit(Status::Error, default_location(),
               limits::exceeded("vm-steps", step_budget_,
                                fmt::format("{}: evaluation stopped after {} steps (the step "
                                            "budget); the document is too large for this rule",
                                            title, step_budget_)),
               Value());
          return;
        }
        op = static_cast<Opcode>(code[pc]);
        operand = code + pc + 1;
        switch (op) {
          case Opcode::PushConst:
            TASKGUARD_OP_LABEL(PushConst)
            stack[sp++] = constants_[bytecode::read_u32(operand)];
            pc += 5;
            TASKGUARD_DISPATCH();
          case Opcode::PushNull:
            TASKGUARD_OP_LABEL(PushNull)
            stack[sp++] = Value::null();
            pc += 1;
            TASKGUARD_DISPATCH();
          case Opcode::PushTrue:
            TASKGUARD_OP_LABEL(PushTrue)
            stack[sp++] = Value::boolean(true);
            pc += 1;
            TASKGUARD_DISPATCH();
          case Opcode::PushFalse:
            TASKGUARD_OP_LABEL(PushFalse)
            stack[sp++] = Value::boolean(false);
            pc += 1;
            TASKGUARD_DISPATCH();
          case Opcode::LoadTask:
            TASKGUARD_OP_LABEL(LoadTask)
            stack[sp++] = Value::from_node(root);
            pc += 1;
            TASKGUARD_DISPATCH();
          case Opcode::LoadLocal:
            TASKGUARD_OP_LABEL(LoadLocal)
            stack[sp++] = locals_[bytecode::read_u16(operand)];
            pc += 3;
            TASKGUARD_DISPATCH();
          case Opcode::LoadLocalNode:
            TASKGUARD_OP_LABEL(LoadLocalNode) {
              const std::uint16_t slot = bytecode::read_u16(operand);
              const Node* n = local_nodes_[slot];
              if (n == nullptr && (locals_[slot].is(ValueKind::Node))) n = locals_[slot].as_node();
              stack[sp++] = Value::node_ref(n);
              pc += 3;
              TASKGUARD_DISPATCH();
            }
          case Opcode::StoreLocal:
            TASKGUARD_OP_LABEL(StoreLocal) {
              const std::uint16_t slot = bytecode::read_u16(operand);
              locals_[slot] = stack[--sp];
              local_nodes_[slot] =
                  locals_[slot].is(ValueKind::Node) ? locals_[slot].as_node() : nullptr;
              pc += 3;
              TASKGUARD_DISPATCH();
            }
          case Opcode::LoadParam:
            TASKGUARD_OP_LABEL(LoadParam)
            stack[sp++] = parameters_[bytecode::read_u16(operand)];
            pc += 3;
            TASKGUARD_DISPATCH();
          case Opcode::Pop:
            TASKGUARD_OP_LABEL(Pop)
            --sp;
            pc += 1;
            TASKGUARD_DISPATCH();
          case Opcode::GetField:
            TASKGUARD_OP_LABEL(GetField)
            read_field(stack[sp - 1], keys[bytecode::read_u16(operand)],
                       bytecode::read_u32(operand + 2), f.assumed);
            pc += 7;
            TASKGUARD_DISPATCH();
          case Opcode::GetLocalField:
            TASKGUARD_OP_LABEL(GetLocalField)
            stack[sp] = locals_[bytecode::read_u16(operand)];
            read_field(stack[sp++], keys[bytecode::read_u16(operand + 2)],
                       bytecode::read_u32(operand + 4), f.assumed);
            pc += 9;
            TASKGUARD_DISPATCH();
          case Opcode::Index:
            TASKGUARD_OP_LABEL(Index) {
              const Value index = stack[--sp];
              Value& base = stack[sp - 1];
              if (base.is_unknown()) {
                // stays unknown
              } else if (index.is_unknown()) {
                base = index;
              } else if (base.is(ValueKind::Node)) {
                const Node* m = node_index(base.as_node(), index);
                if (m != nullptr && m->assumed) f.assumed = true;
                base = Value::from_node(m);
              } else if (base.is(ValueKind::List)) {
                const auto& items = base.as_list().items;
                const double d = index.is(ValueKind::Number) ? index.as_number() : -1;
                base = d >= 0 && d < static_cast<double>(items.size()) &&
                               d == static_cast<double>(static_cast<std::size_t>(d))
                           ? items[static_cast<std::size_t>(d)]
                           : Value::null();
              } else if (base.is(ValueKind::Record)) {
                const Value* m = index.is(ValueKind::String)
                                     ? base.as_record().find(index.as_string())
                                     : nullptr;
                base = m != nullptr ? *m : Value::null();
              } else if (!base.is_null()) {
                throw RuntimeError(fmt::format("cannot index a {}", kind_name(base.kind())));
              }
              pc += 1;
              TASKGUARD_DISPATCH();
            }
          case Opcode::HasField:
            TASKGUARD_OP_LABEL(HasField) {
              const program::Key& key = keys[bytecode::read_u16(operand)];
              Value& base = stack[sp - 1];
              if (base.is(ValueKind::Node) && base.as_node()->is_object()) {
                base = Value::boolean(lookup_member(base.as_node(), key) != nullptr);
              } else if (base.is(ValueKind::Record)) {
                base = Value::boolean(base.as_record().find(key.name) != nullptr);
              } else if (!base.is_unknown()) {
                base = Value::boolean(false);
              }
              pc += 3;
              TASKGUARD_DISPATCH();
            }
          case Opcode::HasIndex:
            TASKGUARD_OP_LABEL(HasIndex) {
              const Value index = stack[--sp];
              Value& base = stack[sp - 1];
              if (base.is_unknown()) {
              } else if (index.is_unknown()) {
                base = index;
              } else if (base.is(ValueKind::Node)) {
                base = Value::boolean(node_index(base.as_node(), index) != nullptr);
              } else if (base.is(ValueKind::List)) {
                const double d = index.is(ValueKind::Number) ? index.as_number() : -1;
                base =
                    Value::boolean(d >= 0 && d < static_cast<double>(base.as_list().items.size()));
              } else if (base.is(ValueKind::Record)) {
                base = Value::boolean(index.is(ValueKind::String) &&
                                      base.as_record().find(index.as_string()) != nullptr);
              } else {
                base = Value::boolean(false);
              }
              pc += 1;
              TASKGUARD_DISPATCH();
            }
          case Opcode::LocateField:
            TASKGUARD_OP_LABEL(LocateField) {
              const program::Key& key = keys[bytecode::read_u16(operand)];
              Value& base = stack[sp - 1];
              if (base.is(ValueKind::Node) && !base.ref_stopped() && base.as_node() != nullptr) {
                const Node* m =
                    base.as_node()->is_object() ? lookup_member(base.as_node(), key) : nullptr;
                base = m != nullptr ? Value::node_ref(m) : Value::node_ref(base.as_node(), true);
              }
              pc += 3;
              TASKGUARD_DISPATCH();
            }
          case Opcode::LocateIndex:
            TASKGUARD_OP_LABEL(LocateIndex) {
              const Value index = stack[--sp];
              Value& base = stack[sp - 1];
              if (base.is(ValueKind::Node) && !base.ref_stopped() && base.as_node() != nullptr) {
                const Node* m = node_index(base.as_node(), index);
                base = m != nullptr ? Value::node_ref(m) : Value::node_ref(base.as_node(), true);
              }
              pc += 1;
              TASKGUARD_DISPATCH();
            }
          case Opcode::Not:
            TASKGUARD_OP_LABEL(Not) {
              Value& v = stack[sp - 1];
              const Truth t = truth(v, "the operand of `not`");
              if (t != Truth::Unknown) v = Value::boolean(t == Truth::False);
              pc += 1;
              TASKGUARD_DISPATCH();
            }
          case Opcode::Negate:
            TASKGUARD_OP_LABEL(Negate)
            stack[sp - 1] = negate(stack[sp - 1]);
            pc += 1;
            TASKGUARD_DISPATCH();
          case Opcode::Truth:
            TASKGUARD_OP_LABEL(Truth) {
              Value& v = stack[sp - 1];
              v = truth_value(truth(v), v);
              pc += 1;
              TASKGUARD_DISPATCH();
            }
          case Opcode::Equal:
            TASKGUARD_OP_LABEL(Equal)
          case Opcode::NotEqual:
            TASKGUARD_OP_LABEL(NotEqual) {
              const Value b = stack[--sp];
              Value& a = stack[sp - 1];
              Truth t = equal(a, b);
              if (op == Opcode::NotEqual && t != Truth::Unknown) {
                t = t == Truth::True ? Truth::False : Truth::True;
              }
              a = truth_value(t, a.is_unknown() ? a : b);
              pc += 1;
              TASKGUARD_DISPATCH();
            }
          case Opcode::Less:
            TASKGUARD_OP_LABEL(Less)
          case Opcode::LessEqual:
            TASKGUARD_OP_LABEL(LessEqual)
          case Opcode::Greater:
            TASKGUARD_OP_LABEL(Greater)
          case Opcode::GreaterEqual:
            TASKGUARD_OP_LABEL(GreaterEqual) {
              const Value b = stack[--sp];
              Value& a = stack[sp - 1];
              const auto ordering =
                  static_cast<Ordering>(static_cast<int>(op) - static_cast<int>(Opcode::Less));
              a = order(ordering, a, b);
              pc += 1;
              TASKGUARD_DISPATCH();
            }
          case Opcode::In:
            TASKGUARD_OP_LABEL(In)
          case Opcode::NotIn:
            TASKGUARD_OP_LABEL(NotIn) {
              const Value b = stack[--sp];
              Value& a = stack[sp - 1];
              a = contains(a, b);
              if (op == Opcode::NotIn && a.is(ValueKind::Bool)) a = Value::boolean(!a.as_bool());
              pc += 1;
              TASKGUARD_DISPATCH();
            }
          case Opcode::Matches:
            TASKGUARD_OP_LABEL(Matches) {
              const Value b = stack[--sp];
              Value& a = stack[sp - 1];
              a = matches(a, b, regexes_);
              pc += 1;
              TASKGUARD_DISPATCH();
            }
          case Opcode::Add:
            TASKGUARD_OP_LABEL(Add)
          case Opcode::Subtract:
            TASKGUARD_OP_LABEL(Subtract)
          case Opcode::Multiply:
            TASKGUARD_OP_LABEL(Multiply)
          case Opcode::Divide:
            TASKGUARD_OP_LABEL(Divide) {
              const Value b = stack[--sp];
              Value& a = stack[sp - 1];
              const auto arithmetic_op =
                  static_cast<Arithmetic>(static_cast<int>(op) - static_cast<int>(Opcode::Add));
              a = arithmetic(arithmetic_op, a, b, scratch_);
              pc += 1;
              TASKGUARD_DISPATCH();
            }
          case Opcode::AndJump:
            TASKGUARD_OP_LABEL(AndJump)
          case Opcode::OrJump:
            TASKGUARD_OP_LABEL(OrJump) {
              Value& v = stack[sp - 1];
              const Truth t =
                  truth(v, op == Opcode::AndJump ? "an operand of `and`" : "an operand of `or`");
              const Truth decisive = op == Opcode::AndJump ? Truth::False : Truth::True;
              v = truth_value(t, v);
              pc = t == decisive ? bytecode::read_u32(operand) : pc + 5;
              TASKGUARD_DISPATCH();
            }
          case Opcode::AndMerge:
            TASKGUARD_OP_LABEL(AndMerge)
          case Opcode::OrMerge:
            TASKGUARD_OP_LABEL(OrMerge) {
              const Value b = stack[--sp];
              Value& a = stack[sp - 1];
              const Truth tb =
                  truth(b, op == Opcode::AndMerge ? "an operand of `and`" : "an operand of `or`");
              const Truth ta = truth(a);
              const Truth t = op == Opcode::AndMerge ? kleene_and(ta, tb) : kleene_or(ta, tb);
              a = truth_value(t, a.is_unknown() ? a : b);
              pc += 1;
              TASKGUARD_DISPATCH();
            }
          case Opcode::MakeList:
            TASKGUARD_OP_LABEL(MakeList) {
              const std::uint16_t n = bytecode::read_u16(operand);
              sp -= n;
              stack[sp] = scratch_.make_list({stack + sp, n});
              ++sp;
              pc += 3;
              TASKGUARD_DISPATCH();
            }
          case Opcode::MakeLocatedList:
            TASKGUARD_OP_LABEL(MakeLocatedList) {
              const std::uint16_t n = bytecode::read_u16(operand);
              sp -= 2 * n;
              stack[sp] = scratch_.make_located_list({stack + sp, n}, {stack + sp + n, n});
              ++sp;
              pc += 3;
              TASKGUARD_DISPATCH();
            }
          case Opcode::Concat:
            TASKGUARD_OP_LABEL(Concat) {
              const std::uint16_t n = bytecode::read_u16(operand);
              sp -= n;
              text_.clear();
              for (std::uint16_t i = 0; i < n; ++i)
                append_display(text_, stack[sp + i]);
              stack[sp++] = scratch_.make_string(text_);
              pc += 3;
              TASKGUARD_DISPATCH();
            }
          case Opcode::Call:
            TASKGUARD_OP_LABEL(Call) {
              const std::uint16_t slot = bytecode::read_u16(operand);
              const std::uint8_t argc = operand[2];
              const std::uint32_t index = program_->builtin_indices()[slot];
              sp -= argc;
              std::span<const Value> args{stack + sp, argc};
              Value result;
              bool done = false;
              if (catalog[index].propagates_unknown) {
                for (const Value& a : args) {
                  if (a.is_unknown()) {
                    result = a;
                    done = true;
                    break;
                  }
                }
              }
              if (!done) {
                BuiltinFunction fn =
                    index < implementations.size() ? implementations[index] : nullptr;
                if (fn == nullptr) {
                  throw RuntimeError(
                      fmt::format("builtin `{}` has no implementation", catalog[index].name));
                }
                result = fn(builtin_context, args);
              }
              stack[sp++] = result;
              pc += 4;
              TASKGUARD_DISPATCH();
            }
          case Opcode::Jump:
            TASKGUARD_OP_LABEL(Jump)
            pc = bytecode::read_u32(operand);
            TASKGUARD_DISPATCH();
          case Opcode::QuantInit:
            TASKGUARD_OP_LABEL(QuantInit) {
              Iterator& it = iterators_[bytecode::read_u16(operand)];
              const Value collection = stack[--sp];
              if (collection.is_unknown()) {
                stack[sp++] = collection;
                pc = bytecode::read_u32(operand + 3);
                break;
              }
              if (!collection.is_null() && !collection.is_array_like()) {
                throw RuntimeError(fmt::format("a quantifier cannot iterate over a {}",
                                               kind_name(collection.kind())));
              }
              it.start(collection, operand[2]);
              pc += 8;
              TASKGUARD_DISPATCH();
            }
          case Opcode::QuantNext:
            TASKGUARD_OP_LABEL(QuantNext)
          case Opcode::ForNext:
            TASKGUARD_OP_LABEL(ForNext)
          case Opcode::ForNextTry:
            TASKGUARD_OP_LABEL(ForNextTry) {
              const std::uint16_t iterator = bytecode::read_u16(operand);
              Iterator& it = iterators_[iterator];
              if (it.index < it.size) {
                const std::uint16_t slot = bytecode::read_u16(operand + 2);
                locals_[slot] = item_at(it.collection, it.index);
                local_nodes_[slot] = item_node(it.collection, it.index);
                it.current = local_nodes_[slot];
                ++it.index;
                if (op == Opcode::ForNextTry) f.handler = pc;  // an error moves to the next binding
                pc += 9;
              } else {
                if (op != Opcode::QuantNext && !f.active_for.empty() &&
                    f.active_for.back() == iterator) {
                  f.active_for.pop_back();
                }
                pc = bytecode::read_u32(operand + 4);
              }
              TASKGUARD_DISPATCH();
            }
          case Opcode::QuantStep:
            TASKGUARD_OP_LABEL(QuantStep) {
              Iterator& it = iterators_[bytecode::read_u16(operand)];
              const Value condition = stack[--sp];
              const Truth t = truth(condition, "a quantifier's condition");
              if (t == Truth::Unknown) {
                if (!it.saw_unknown) it.unknown_origin = condition;
                it.saw_unknown = true;
              }
              bool stop = false;
              switch (it.quantifier) {
                case 0:
                  stop = t == Truth::True;
                  break;
                case 1:
                  stop = t == Truth::False;
                  break;
                default:
                  if (t == Truth::True) it.count += 1;
                  break;
              }
              if (stop) {
                it.decided = true;
                pc = bytecode::read_u32(operand + 2);
              } else {
                pc += 7;
              }
              TASKGUARD_DISPATCH();
            }
          case Opcode::QuantResult:
            TASKGUARD_OP_LABEL(QuantResult) {
              const Iterator& it = iterators_[bytecode::read_u16(operand)];
              const Value unknown =
                  it.unknown_origin.is_unknown() ? it.unknown_origin : Value::unknown(nullptr);
              switch (it.quantifier) {
                case 0:
                  stack[sp++] = it.decided ? Value::boolean(true)
                                           : (it.saw_unknown ? unknown : Value::boolean(false));
                  break;
                case 1:
                  stack[sp++] = it.decided ? Value::boolean(false)
                                           : (it.saw_unknown ? unknown : Value::boolean(true));
                  break;
                default:
                  stack[sp++] = it.saw_unknown ? unknown : Value::number(it.count);
                  break;
              }
              pc += 3;
              TASKGUARD_DISPATCH();
            }
          case Opcode::Try:
            TASKGUARD_OP_LABEL(Try)
            f.handler = bytecode::read_u32(operand);
            pc += 5;
            TASKGUARD_DISPATCH();
          case Opcode::When:
            TASKGUARD_OP_LABEL(When) {
              const Value guard = stack[--sp];
              const Truth t = truth(guard, "the `when` guard");
              if (t == Truth::True) {
                pc += 5;
                break;
              }
              if (t == Truth::Unknown) {
                emit(Status::Unknown, default_location(),
                     fmt::format("{}: cannot tell whether the rule applies (its `when` guard "
                                 "depends on an unknown value)",
                                 title),
                     guard);
              }
              pc = bytecode::read_u32(operand);
              TASKGUARD_DISPATCH();
            }
          case Opcode::ForInit:
            TASKGUARD_OP_LABEL(ForInit) {
              const std::uint16_t iterator = bytecode::read_u16(operand);
              const Value collection = stack[--sp];
              if (collection.is_unknown()) {
                emit(Status::Unknown,
                     collection.as_node() != nullptr ? collection.as_node() : default_location(),
                     fmt::format("{}: cannot check the elements of a collection whose value is "
                                 "unknown",
                                 title),
                     collection);
                pc = bytecode::read_u32(operand + 2);
                break;
              }
              if (!collection.is_null() && !collection.is_array_like()) {
                throw RuntimeError(
                    fmt::format("`for` cannot iterate over a {}", kind_name(collection.kind())));
              }
              iterators_[iterator].start(collection, 0);
              if (iterators_[iterator].size == 0) {
                pc = bytecode::read_u32(operand + 2);
                break;
              }
              f.active_for.push_back(iterator);
              pc += 7;
              TASKGUARD_DISPATCH();
            }
          case Opcode::Verdict:
            TASKGUARD_OP_LABEL(Verdict) {
              const Value condition = stack[--sp];
              const Truth t = truth(condition, "the rule's condition");
              const bool deny = operand[0] == 0;
              f.pending.reset();
              f.pending.active = true;
              f.pending.status = t == Truth::Unknown          ? Status::Unknown
                                 : (t == Truth::True) == deny ? Status::Fail
                                                              : Status::Pass;
              f.pending.unknown_origin = condition;
              pc += 2;
              TASKGUARD_DISPATCH();
            }
          case Opcode::SetLocation:
            TASKGUARD_OP_LABEL(SetLocation) {
              const Value ref = stack[--sp];
              const Node* n = nullptr;
              if (ref.is(ValueKind::Node) || ref.is_unknown()) n = ref.as_node();
              f.pending.location = n != nullptr ? n : default_location();
              pc += 1;
              TASKGUARD_DISPATCH();
            }
          case Opcode::CountPass:
            TASKGUARD_OP_LABEL(CountPass)
            if (f.pending.status == Status::Pass && !f.sink.list_every_outcome) {
              // What emit() does with a pass it only counts, without the call: most bindings
              // end here.
              ++f.emitted;
              ++f.sink.passes;
              f.assumed = false;
              f.pending.reset();
              pc = bytecode::read_u32(operand);
            } else {
              pc += 5;
            }
            TASKGUARD_DISPATCH();
          case Opcode::JumpIfPass:
            TASKGUARD_OP_LABEL(JumpIfPass)
            pc = f.pending.status == Status::Pass ? bytecode::read_u32(operand) : pc + 5;
            TASKGUARD_DISPATCH();
          case Opcode::SetMessage:
            TASKGUARD_OP_LABEL(SetMessage)
            message_.clear();
            append_display(message_, stack[--sp]);
            f.pending.has_message = true;
            pc += 1;
            TASKGUARD_DISPATCH();
          case Opcode::Emit:
            TASKGUARD_OP_LABEL(Emit) {
              {  // destroyed before the dispatch: a computed goto runs no destructors
                Frame::Pending& p = f.pending;
                std::string message = p.has_message              ? message_
                                      : p.status == Status::Pass ? std::string()
                                                                 : title;
                const Status status = p.status;
                const Node* const location =
                    p.location != nullptr ? p.location : default_location();
                const Value unknown_origin = p.unknown_origin;
                p.reset();
                emit(status, location, std::move(message), unknown_origin);
              }
              pc += 1;
              TASKGUARD_DISPATCH();
            }
          case Opcode::LoadCached:
            TASKGUARD_OP_LABEL(LoadCached) {
              const std::uint16_t slot = bytecode::read_u16(operand);
              if (cached_[slot] != kNotCached) {
                stack[sp++] = locals_[slot];
                if (cached_[slot] == kCachedAssumed) f.assumed = true;
                pc = bytecode::read_u32(operand + 2);
              } else {
                f.computing_cached = true;
                f.assumed_before_cached = f.assumed;
                f.assumed = false;
                pc += 7;
              }
              TASKGUARD_DISPATCH();
            }
          case Opcode::StoreCached:
            TASKGUARD_OP_LABEL(StoreCached) {
              const std::uint16_t slot = bytecode::read_u16(operand);
              locals_[slot] = stack[sp - 1];
              cached_[slot] = f.assumed ? kCachedAssumed : kCached;
              f.assumed = f.assumed || f.assumed_before_cached;
              f.computing_cached = false;
              pc += 3;
              TASKGUARD_DISPATCH();
            }
          case Opcode::Halt:
            TASKGUARD_OP_LABEL(Halt)
            if (f.emitted == 0) {
              if (f.sink.list_every_outcome) {
                emit(Status::NotApplicable, root, title, Value());
              } else {
                ++f.sink.not_applicable;  // counted only: no message to build
              }
            }
            return;
        }
      }
    } catch (const RuntimeError& error) {
      abandon_cached();
      const Node* location = f.pending.active && f.pending.location != nullptr ? f.pending.location
                                                                               : default_location();
      f.pending = {};
      emit(Status::Error, location, fmt::format("{}: {}", title, error.what()), Value());
      sp = 0;
      pc = f.handler;
    }
  }
}

#if TASKGUARD_THREADED_DISPATCH
#pragma GCC diagnostic pop
#endif
#undef TASKGUARD_THREADED_DISPATCH
#undef TASKGUARD_OP_LABEL
#undef TASKGUARD_DISPATCH

}  // namespace taskguard::vm
