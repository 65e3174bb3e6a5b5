#include "language/compiler/code_generator.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "stdlib/builtins/catalog.hpp"
#include "stdlib/schema/schema.hpp"

namespace taskguard::compiler {

using bytecode::ChunkWriter;
using bytecode::Opcode;

namespace {

// Deep enough for any real policy; a guard against pathological inlining chains.
constexpr int kMaxInlineDepth = 48;
constexpr int kMaxFoldDepth = 64;

std::string collection_name(const ast::Expr& e) {
  if (const auto* m = std::get_if<ast::Member>(&e.node)) return m->name;
  if (const auto* n = std::get_if<ast::Name>(&e.node)) return n->name;
  if (const auto* c = std::get_if<ast::Call>(&e.node)) return c->callee + "()";
  return "list";
}

}  // namespace

CodeGenerator::CodeGenerator(const checker::CheckedProgram& checked, Pools& pools,
                             diagnostics::DiagnosticList& diagnostics)
    : checked_(checked), pools_(pools), diagnostics_(diagnostics) {}

void CodeGenerator::declare_parameter(const ast::Let* let, std::uint32_t index) {
  parameter_index_[let] = index;
}

void CodeGenerator::error(const ast::SourceRange& range, std::string message) {
  diagnostics_.error(file_, range, std::move(message));
}

void CodeGenerator::emit(Opcode op, std::uint32_t a, std::uint32_t b, std::uint32_t c) {
  writer_.emit(op, a, b, c);
  ++cost_terms_[loop_factors_];
  if (op == Opcode::Jump) {
    last_jump_target_ = a;
    last_jump_end_ = writer_.size();
  }
}

std::uint16_t CodeGenerator::allocate_local() {
  const std::uint16_t slot = next_local_++;
  max_local_ = std::max(max_local_, next_local_);
  return slot;
}

std::uint16_t CodeGenerator::allocate_iterator() {
  const std::uint16_t slot = next_iterator_++;
  max_iterator_ = std::max(max_iterator_, next_iterator_);
  return slot;
}

const CodeGenerator::ScopeEntry* CodeGenerator::lookup(const std::string& name) const {
  for (auto it = scope_.rbegin(); it != scope_.rend(); ++it) {
    if (it->name == name) return &*it;
  }
  return nullptr;
}

Type CodeGenerator::static_type(const ast::Expr& e) {
  if (!e.type.is_any()) return e.type;
  if (const auto* name = std::get_if<ast::Name>(&e.node)) {
    if (name->kind == ast::NameKind::Task) {
      return Type::structure(&schema::Schema::task_definition().root());
    }
    if (const ScopeEntry* entry = lookup(name->name)) return entry->type;
    return Type::any();
  }
  if (const auto* member = std::get_if<ast::Member>(&e.node)) {
    const Type base = static_type(*member->base);
    if (base.is(Type::Kind::Struct) && base.struct_definition() != nullptr) {
      if (const schema::Field* field = base.struct_definition()->find(member->name)) {
        return field->type;
      }
    }
    if (base.is(Type::Kind::Map)) return base.element();
    return Type::any();
  }
  if (const auto* index = std::get_if<ast::Index>(&e.node)) {
    const Type base = static_type(*index->base);
    if (base.is(Type::Kind::List) || base.is(Type::Kind::Map)) return base.element();
  }
  return Type::any();
}

std::optional<Folded> CodeGenerator::fold(const ast::Expr& e) {
  if (fold_depth_ > kMaxFoldDepth) return std::nullopt;
  struct Depth {
    int& d;
    explicit Depth(int& depth) : d(depth) { ++d; }
    ~Depth() { --d; }
  } depth(fold_depth_);

  return std::visit(
      [&](const auto& node) -> std::optional<Folded> {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, ast::NullLit>) {
          return Folded::null();
        } else if constexpr (std::is_same_v<T, ast::BoolLit>) {
          return Folded::of_bool(node.value);
        } else if constexpr (std::is_same_v<T, ast::NumberLit>) {
          return Folded::of_number(node.value);
        } else if constexpr (std::is_same_v<T, ast::StringLit>) {
          return Folded::of_string(node.value);
        } else if constexpr (std::is_same_v<T, ast::RegexLit>) {
          Folded f;
          f.kind = program::Constant::Kind::Regex;
          f.text = node.pattern;
          return f;
        } else if constexpr (std::is_same_v<T, ast::ListLit>) {
          Folded list;
          list.kind = program::Constant::Kind::List;
          for (const ast::ExprPtr& item : node.items) {
            auto f = fold(*item);
            if (!f || f->kind == program::Constant::Kind::Regex) return std::nullopt;
            list.items.push_back(std::move(*f));
          }
          return list;
        } else if constexpr (std::is_same_v<T, ast::Name>) {
          if (node.kind != ast::NameKind::Constant || node.slot >= checked_.constants.size()) {
            return std::nullopt;
          }
          const ast::Let* let = checked_.constants[node.slot];
          if (let->is_parameter || !let->value) return std::nullopt;
          return fold(*let->value);
        } else if constexpr (std::is_same_v<T, ast::Unary>) {
          auto operand = fold(*node.operand);
          if (!operand) return std::nullopt;
          return fold_unary(node.op, *operand);
        } else if constexpr (std::is_same_v<T, ast::Binary>) {
          if (node.op == ast::BinaryOp::And || node.op == ast::BinaryOp::Or) {
            const bool is_and = node.op == ast::BinaryOp::And;
            auto left = fold(*node.left);
            if (!left) return std::nullopt;
            auto lt = folded_truth(*left);
            if (!lt) return std::nullopt;
            if (*lt != is_and) return Folded::of_bool(*lt);  // false and _, true or _
            auto right = fold(*node.right);
            if (!right) return std::nullopt;
            auto rt = folded_truth(*right);
            if (!rt) return std::nullopt;
            return Folded::of_bool(*rt);
          }
          auto left = fold(*node.left);
          if (!left) return std::nullopt;
          auto right = fold(*node.right);
          if (!right) return std::nullopt;
          return fold_binary(node.op, *left, *right);
        } else if constexpr (std::is_same_v<T, ast::Interpolation>) {
          std::string text;
          for (const auto& part : node.parts) {
            if (!part.expr) {
              text += part.text;
              continue;
            }
            auto f = fold(*part.expr);
            if (!f || f->kind != program::Constant::Kind::String) return std::nullopt;
            text += f->text;
          }
          return Folded::of_string(std::move(text));
        } else {
          return std::nullopt;
        }
      },
      e.node);
}

void CodeGenerator::push_constant(const Folded& value) {
  using Kind = program::Constant::Kind;
  if (value.kind == Kind::Null) {
    emit(Opcode::PushNull);
  } else if (value.kind == Kind::Bool) {
    emit(value.boolean ? Opcode::PushTrue : Opcode::PushFalse);
  } else {
    emit(Opcode::PushConst, pools_.constant(value));
  }
}

std::uint32_t CodeGenerator::field_key(const Type& base, const std::string& name,
                                       std::uint32_t* fallback) {
  *fallback = bytecode::kNoConstant;
  if (base.is(Type::Kind::Map)) return pools_.key(name, program::KeyLookup::Name);
  if (base.is(Type::Kind::Struct) && base.struct_definition() != nullptr) {
    if (const schema::Field* field = base.struct_definition()->find(name)) {
      if (field->default_value) {
        if (auto f = from_json(*field->default_value)) *fallback = pools_.constant(*f);
      } else if (field->type.is(Type::Kind::List)) {
        Folded empty;
        empty.kind = program::Constant::Kind::List;
        *fallback = pools_.constant(empty);
      }
      return pools_.key(name, program::KeyLookup::Id);
    }
  }
  // The struct is not known statically (a value from a builtin, an untyped expression).
  return pools_.key(name, program::KeyLookup::IdThenName);
}

void CodeGenerator::compile_expr(const ast::Expr& e) {
  if (auto folded = fold(e)) {
    push_constant(*folded);
    return;
  }
  if (worth_caching(e)) {
    compile_cached(e);
    return;
  }
  std::visit(
      [&](const auto& node) {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, ast::ListLit>) {
          for (const ast::ExprPtr& item : node.items)
            compile_expr(*item);
          emit(Opcode::MakeList, static_cast<std::uint32_t>(node.items.size()));
        } else if constexpr (std::is_same_v<T, ast::Name>) {
          compile_name(e, node);
        } else if constexpr (std::is_same_v<T, ast::Member>) {
          compile_member(node);
        } else if constexpr (std::is_same_v<T, ast::Index>) {
          compile_expr(*node.base);
          compile_expr(*node.index);
          emit(Opcode::Index);
        } else if constexpr (std::is_same_v<T, ast::Call>) {
          compile_call(e, node);
        } else if constexpr (std::is_same_v<T, ast::Unary>) {
          compile_expr(*node.operand);
          emit(node.op == ast::UnaryOp::Not ? Opcode::Not : Opcode::Negate);
        } else if constexpr (std::is_same_v<T, ast::Binary>) {
          if (node.op == ast::BinaryOp::And || node.op == ast::BinaryOp::Or) {
            compile_logical(node);
            return;
          }
          compile_expr(*node.left);
          compile_expr(*node.right);
          static constexpr Opcode kOps[] = {
              Opcode::OrMerge, Opcode::AndMerge,  // not used: handled above
              Opcode::Equal,   Opcode::NotEqual,     Opcode::Less,     Opcode::LessEqual,
              Opcode::Greater, Opcode::GreaterEqual, Opcode::In,       Opcode::NotIn,
              Opcode::Matches, Opcode::Add,          Opcode::Subtract, Opcode::Multiply,
              Opcode::Divide};
          emit(kOps[static_cast<std::size_t>(node.op)]);
        } else if constexpr (std::is_same_v<T, ast::Quantifier>) {
          compile_quantifier(node);
        } else if constexpr (std::is_same_v<T, ast::Interpolation>) {
          std::uint32_t count = 0;
          for (const auto& part : node.parts) {
            if (part.expr) {
              compile_expr(*part.expr);
            } else {
              push_constant(Folded::of_string(part.text));
            }
            ++count;
          }
          emit(Opcode::Concat, count);
        } else {
          // Literals always fold; reaching here means a literal the folder declined.
          emit(Opcode::PushNull);
        }
      },
      e.node);
}

void CodeGenerator::compile_name(const ast::Expr& e, const ast::Name& name) {
  switch (name.kind) {
    case ast::NameKind::Task:
      emit(Opcode::LoadTask);
      return;
    case ast::NameKind::Constant: {
      if (name.slot < checked_.constants.size() && checked_.constants[name.slot]->value) {
        const ast::Let* let = checked_.constants[name.slot];
        if (inline_depth_ > kMaxInlineDepth) {
          error(e.range, "constant `" + name.name + "` is defined in terms of itself");
          emit(Opcode::PushNull);
          return;
        }
        // A let that does not fold (it calls a builtin, say) is evaluated where it is used.
        auto saved = std::move(scope_);
        scope_.clear();
        ++inline_depth_;
        compile_expr(*let->value);
        --inline_depth_;
        scope_ = std::move(saved);
        return;
      }
      break;
    }
    case ast::NameKind::Parameter: {
      if (name.slot < checked_.constants.size()) {
        auto it = parameter_index_.find(checked_.constants[name.slot]);
        if (it != parameter_index_.end()) {
          if (std::find(parameters_read_.begin(), parameters_read_.end(), name.name) ==
              parameters_read_.end()) {
            parameters_read_.push_back(name.name);
          }
          emit(Opcode::LoadParam, it->second);
          return;
        }
      }
      break;
    }
    case ast::NameKind::Binding:
    case ast::NameKind::FnParam:
    case ast::NameKind::Unresolved:
      if (const ScopeEntry* entry = lookup(name.name)) {
        emit(Opcode::LoadLocal, entry->slot);
        return;
      }
      if (name.name == "task") {
        emit(Opcode::LoadTask);
        return;
      }
      break;
  }
  error(e.range, "internal compiler error: `" + name.name + "` was not resolved");
  emit(Opcode::PushNull);
}

const CodeGenerator::ScopeEntry* CodeGenerator::local_of(const ast::Expr& e) const {
  const auto* name = std::get_if<ast::Name>(&e.node);
  if (name == nullptr) return nullptr;
  switch (name->kind) {
    case ast::NameKind::Binding:
    case ast::NameKind::FnParam:
    case ast::NameKind::Unresolved:
      return lookup(name->name);
    default:
      return nullptr;
  }
}

void CodeGenerator::compile_member(const ast::Member& member) {
  const Type base = static_type(*member.base);
  // A field of a binding or argument (`c.image`, `e.value`) is the commonest read: one
  // instruction instead of LoadLocal then GetField.
  if (const ScopeEntry* local = local_of(*member.base)) {
    std::uint32_t fallback = bytecode::kNoConstant;
    const std::uint32_t key = field_key(base, member.name, &fallback);
    emit(Opcode::GetLocalField, local->slot, key, fallback);
    return;
  }
  compile_expr(*member.base);
  std::uint32_t fallback = bytecode::kNoConstant;
  const std::uint32_t key = field_key(base, member.name, &fallback);
  emit(Opcode::GetField, key, fallback);
}

void CodeGenerator::compile_has(const ast::Expr& argument) {
  if (const auto* member = std::get_if<ast::Member>(&argument.node)) {
    const Type base = static_type(*member->base);
    compile_expr(*member->base);
    std::uint32_t unused = 0;
    emit(Opcode::HasField, field_key(base, member->name, &unused));
    return;
  }
  if (const auto* index = std::get_if<ast::Index>(&argument.node)) {
    compile_expr(*index->base);
    compile_expr(*index->index);
    emit(Opcode::HasIndex);
    return;
  }
  // has(x) on a binding or any other value: is it something other than null?
  compile_expr(argument);
  emit(Opcode::PushNull);
  emit(Opcode::NotEqual);
}

void CodeGenerator::compile_call(const ast::Expr& e, const ast::Call& call) {
  if (call.callee == "has" && call.args.size() == 1 && call.target != ast::Call::Target::Function) {
    compile_has(*call.args[0]);
    return;
  }
  if (call.target == ast::Call::Target::Function) {
    compile_inline(e, call);
    return;
  }
  if (call.target != ast::Call::Target::Builtin) {
    error(call.callee_range, "internal compiler error: call to `" + call.callee + "` not resolved");
    emit(Opcode::PushNull);
    return;
  }
  const auto catalog = builtins::catalog();
  if (call.target_index >= catalog.size()) {
    error(call.callee_range, "internal compiler error: builtin index out of range");
    emit(Opcode::PushNull);
    return;
  }
  if (call.args.size() > 255) {
    error(call.callee_range, "too many arguments");
    emit(Opcode::PushNull);
    return;
  }
  for (const ast::ExprPtr& arg : call.args)
    compile_expr(*arg);
  emit(Opcode::Call, pools_.builtin(std::string(catalog[call.target_index].name)),
       static_cast<std::uint32_t>(call.args.size()));
}

void CodeGenerator::compile_inline(const ast::Expr& e, const ast::Call& call) {
  if (call.target_index >= checked_.functions.size()) {
    error(call.callee_range, "internal compiler error: function index out of range");
    emit(Opcode::PushNull);
    return;
  }
  const ast::Function& fn = *checked_.functions[call.target_index];
  if (inline_depth_ >= kMaxInlineDepth) {
    error(e.range, fmt::format("calls nest more than {} functions deep", kMaxInlineDepth));
    emit(Opcode::PushNull);
    return;
  }
  // Arguments are evaluated first, left to right, in the caller's scope (call by value). An
  // argument that is a binding or a parameter itself is read in place: its slot belongs to an
  // enclosing scope, and nothing the body runs writes below the slots the body allocates, so
  // a copy would only cost a load and a store per call.
  std::vector<ScopeEntry> parameters;
  std::vector<std::uint16_t> stored;  // slots of the arguments evaluated onto the stack
  const std::uint16_t saved_next_local = next_local_;
  for (std::size_t i = 0; i < call.args.size() && i < fn.params.size(); ++i) {
    if (const ScopeEntry* local = local_of(*call.args[i])) {
      parameters.push_back({fn.params[i], local->slot, static_type(*call.args[i])});
      continue;
    }
    compile_expr(*call.args[i]);
    parameters.push_back({fn.params[i], allocate_local(), static_type(*call.args[i])});
    stored.push_back(parameters.back().slot);
  }
  for (auto it = stored.rbegin(); it != stored.rend(); ++it) {
    emit(Opcode::StoreLocal, *it);
  }
  auto saved_scope = std::move(scope_);
  scope_ = std::move(parameters);
  ++inline_depth_;
  compile_expr(*fn.body);
  --inline_depth_;
  scope_ = std::move(saved_scope);
  next_local_ = saved_next_local;
}

void CodeGenerator::compile_logical(const ast::Binary& binary) {
  const bool is_and = binary.op == ast::BinaryOp::And;
  // Dead-branch removal: a constant left operand decides or vanishes.
  if (auto left = fold(*binary.left)) {
    if (auto t = folded_truth(*left)) {
      if (*t != is_and) {
        push_constant(Folded::of_bool(*t));
      } else {
        compile_expr(*binary.right);
        emit(Opcode::Truth);
      }
      return;
    }
  }
  compile_expr(*binary.left);
  const ChunkWriter::Label done = writer_.new_label();
  emit(is_and ? Opcode::AndJump : Opcode::OrJump, done);
  compile_expr(*binary.right);
  emit(is_and ? Opcode::AndMerge : Opcode::OrMerge);
  writer_.bind(done);
}

void CodeGenerator::compile_quantifier(const ast::Quantifier& q) {
  const Type element = static_type(*q.collection).element();
  compile_expr(*q.collection);
  const std::uint16_t saved_local = next_local_;
  const std::uint16_t saved_iterator = next_iterator_;
  const std::uint16_t iterator = allocate_iterator();
  const std::uint16_t slot = allocate_local();
  const ChunkWriter::Label end = writer_.new_label();
  const ChunkWriter::Label loop = writer_.new_label();
  const ChunkWriter::Label done = writer_.new_label();
  emit(Opcode::QuantInit, iterator, static_cast<std::uint32_t>(q.kind), end);
  writer_.bind(loop);
  loop_factors_.push_back(collection_name(*q.collection));
  emit(Opcode::QuantNext, iterator, slot, done);
  scope_.push_back({q.variable, slot, element});
  compile_expr(*q.condition);
  scope_.pop_back();
  emit(Opcode::QuantStep, iterator, done);
  emit(Opcode::Jump, loop);
  loop_factors_.pop_back();
  writer_.bind(done);
  emit(Opcode::QuantResult, iterator);
  writer_.bind(end);
  next_local_ = saved_local;
  next_iterator_ = saved_iterator;
}

void CodeGenerator::compile_locate(const ast::Expr& e) {
  if (const auto* member = std::get_if<ast::Member>(&e.node)) {
    const Type base = static_type(*member->base);
    compile_locate(*member->base);
    std::uint32_t unused = 0;
    emit(Opcode::LocateField, field_key(base, member->name, &unused));
    return;
  }
  if (const auto* index = std::get_if<ast::Index>(&e.node)) {
    compile_locate(*index->base);
    compile_expr(*index->index);
    emit(Opcode::LocateIndex);
    return;
  }
  if (const auto* name = std::get_if<ast::Name>(&e.node)) {
    if (const ScopeEntry* entry = lookup(name->name);
        entry != nullptr && name->kind != ast::NameKind::Task) {
      emit(Opcode::LoadLocalNode, entry->slot);
      return;
    }
    if (name->kind == ast::NameKind::Task || name->name == "task") {
      emit(Opcode::LoadTask);
      return;
    }
  }
  // Not a path: whatever document node the value is, if any.
  compile_expr(e);
}

namespace {
// An expression `compile_locate` can turn into a node reference: a field, an element, a binding.
bool is_document_path(const ast::Expr& e) {
  return std::holds_alternative<ast::Member>(e.node) ||
         std::holds_alternative<ast::Index>(e.node) || std::holds_alternative<ast::Name>(e.node);
}
}  // namespace

void CodeGenerator::compile_for_collection(const ast::Expr& e) {
  const auto* list = std::get_if<ast::ListLit>(&e.node);
  if (list == nullptr || fold(e) ||
      std::none_of(list->items.begin(), list->items.end(),
                   [](const ast::ExprPtr& item) { return is_document_path(*item); })) {
    compile_expr(e);
    return;
  }
  for (const ast::ExprPtr& item : list->items)
    compile_expr(*item);
  for (const ast::ExprPtr& item : list->items) {
    if (is_document_path(*item)) {
      compile_locate(*item);
    } else {
      emit(Opcode::PushNull);
    }
  }
  emit(Opcode::MakeLocatedList, static_cast<std::uint32_t>(list->items.size()));
}

namespace {

// Does `e` read a `for` binding, a quantifier variable bound outside it or a function
// parameter? `bound` holds the quantifier variables bound inside `e` on the way down.
bool reads_bindings(const ast::Expr& e, std::vector<std::string>& bound) {
  auto any_of = [&](const auto& exprs) {
    return std::any_of(exprs.begin(), exprs.end(),
                       [&](const ast::ExprPtr& x) { return x && reads_bindings(*x, bound); });
  };
  return std::visit(
      [&](const auto& node) -> bool {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, ast::Name>) {
          switch (node.kind) {
            case ast::NameKind::Task:
            case ast::NameKind::Constant:
            case ast::NameKind::Parameter:
              return false;
            default:
              return std::find(bound.begin(), bound.end(), node.name) == bound.end();
          }
        } else if constexpr (std::is_same_v<T, ast::ListLit>) {
          return any_of(node.items);
        } else if constexpr (std::is_same_v<T, ast::Member>) {
          return reads_bindings(*node.base, bound);
        } else if constexpr (std::is_same_v<T, ast::Index>) {
          return reads_bindings(*node.base, bound) || reads_bindings(*node.index, bound);
        } else if constexpr (std::is_same_v<T, ast::Call>) {
          return any_of(node.args);
        } else if constexpr (std::is_same_v<T, ast::Unary>) {
          return reads_bindings(*node.operand, bound);
        } else if constexpr (std::is_same_v<T, ast::Binary>) {
          return reads_bindings(*node.left, bound) || reads_bindings(*node.right, bound);
        } else if constexpr (std::is_same_v<T, ast::Quantifier>) {
          if (reads_bindings(*node.collection, bound)) return true;
          bound.push_back(node.variable);
          const bool reads = reads_bindings(*node.condition, bound);
          bound.pop_back();
          return reads;
        } else if constexpr (std::is_same_v<T, ast::Interpolation>) {
          return std::any_of(node.parts.begin(), node.parts.end(), [&](const auto& part) {
            return part.expr && reads_bindings(*part.expr, bound);
          });
        } else {
          return false;  // literals
        }
      },
      e.node);
}

}  // namespace

// Only in a rule's own code inside a loop (a function body is inlined where its arguments are
// known only to the caller), and only for the expressions whose cost is worth a cache slot: calls
// and quantifiers. The value is the same for every binding because nothing it reads changes
// between bindings; computing it at first need (not before the loop) keeps short-circuits and
// errors where they were: a computation that fails stores nothing and fails again next time.
bool CodeGenerator::worth_caching(const ast::Expr& e) {
  if (caching_ || for_depth_ == 0 || inline_depth_ != 0) return false;
  if (!std::holds_alternative<ast::Call>(e.node) &&
      !std::holds_alternative<ast::Quantifier>(e.node))
    return false;
  std::vector<std::string> bound;
  return !reads_bindings(e, bound);
}

void CodeGenerator::compile_cached(const ast::Expr& e) {
  const std::uint16_t index = cache_count_++;
  const ChunkWriter::Label done = writer_.new_label();
  cache_operands_.push_back(writer_.size() + 1);
  emit(Opcode::LoadCached, index, done);
  caching_ = true;
  compile_expr(e);
  caching_ = false;
  cache_operands_.push_back(writer_.size() + 1);
  emit(Opcode::StoreCached, index);
  writer_.bind(done);
}

void CodeGenerator::set_handler(ChunkWriter::Label skip) {
  if (handler_ == skip) return;
  emit(Opcode::Try, skip);
  handler_ = skip;
}

void CodeGenerator::compile_verdict(const ast::Rule& rule, ChunkWriter::Label skip) {
  set_handler(skip);
  compile_expr(*rule.condition);
  emit(Opcode::Verdict, rule.verdict == ast::Rule::Verdict::Deny ? 0 : 1);
  // Most bindings pass, and most reports only count passes: such a pass needs neither its
  // location nor its message.
  emit(Opcode::CountPass, skip);
  if (rule.location) {
    compile_locate(*rule.location);
  } else {
    emit(Opcode::PushNull);  // the innermost binding, else the task
  }
  emit(Opcode::SetLocation);
  const ChunkWriter::Label outcome = writer_.new_label();
  if (rule.message) {
    emit(Opcode::JumpIfPass, outcome);
    compile_expr(*rule.message);
    emit(Opcode::SetMessage);
  }
  writer_.bind(outcome);
  emit(Opcode::Emit);
  emit(Opcode::Jump, skip);
}

void CodeGenerator::compile_clauses(const ast::Rule& rule, std::size_t index,
                                    ChunkWriter::Label skip) {
  if (index == rule.clauses.size()) {
    compile_verdict(rule, skip);
    return;
  }
  const ast::Clause& clause = rule.clauses[index];
  if (clause.kind == ast::Clause::Kind::When) {
    if (auto folded = fold(*clause.expr)) {
      if (auto t = folded_truth(*folded)) {
        if (*t) compile_clauses(rule, index + 1, skip);
        return;  // a constant-false guard: everything below is dead
      }
    }
    set_handler(skip);
    compile_expr(*clause.expr);
    emit(Opcode::When, skip);
    compile_clauses(rule, index + 1, skip);
    return;
  }
  const Type element = static_type(*clause.expr).element();
  set_handler(skip);
  compile_for_collection(*clause.expr);
  const std::uint16_t iterator = allocate_iterator();
  const std::uint16_t slot = allocate_local();
  emit(Opcode::ForInit, iterator, skip);
  const ChunkWriter::Label head = writer_.new_label();
  writer_.bind(head);
  loop_factors_.push_back(collection_name(*clause.expr));
  // Binding an element makes the loop head the handler: every clause of the body errs on to the
  // next binding, so none of them needs a Try of its own, once per element.
  emit(Opcode::ForNextTry, iterator, slot, skip);
  handler_ = head;
  scope_.push_back({clause.variable, slot, element});
  ++for_depth_;
  compile_clauses(rule, index + 1, head);
  --for_depth_;
  handler_ = kNoHandler;  // whatever the body left; nothing at this level follows it
  // The verdict (or a nested loop) usually ends with this very jump already.
  if (writer_.size() != last_jump_end_ || last_jump_target_ != head) emit(Opcode::Jump, head);
  scope_.pop_back();
  loop_factors_.pop_back();
}

std::string CodeGenerator::cost_statement() const {
  // Terms ordered by loop depth, e.g. "14 + 9·|containerDefinitions| +
  // 5·|containerDefinitions|·|environment|".
  std::vector<std::pair<std::vector<std::string>, std::uint64_t>> terms(cost_terms_.begin(),
                                                                        cost_terms_.end());
  std::stable_sort(terms.begin(), terms.end(),
                   [](const auto& a, const auto& b) { return a.first.size() < b.first.size(); });
  std::string out;
  for (const auto& [factors, count] : terms) {
    if (!out.empty()) out += " + ";
    out += std::to_string(count);
    for (const std::string& factor : factors)
      out += "·|" + factor + "|";
  }
  return out;
}

program::Rule CodeGenerator::compile_rule(const ast::Rule& rule,
                                          std::shared_ptr<const RuleMetadata> metadata,
                                          const std::string& file) {
  file_ = file;
  writer_ = ChunkWriter();
  scope_.clear();
  next_local_ = max_local_ = 0;
  next_iterator_ = max_iterator_ = 0;
  inline_depth_ = 0;
  loop_factors_.clear();
  cost_terms_.clear();
  last_jump_end_ = 0;
  parameters_read_.clear();
  handler_ = kNoHandler;
  for_depth_ = 0;
  caching_ = false;
  cache_count_ = 0;
  cache_operands_.clear();

  const ChunkWriter::Label end = writer_.new_label();
  if (rule.condition) {
    compile_clauses(rule, 0, end);
  } else {
    error(rule.range, "rule has no `deny` or `require` condition");
  }
  writer_.bind(end);
  emit(Opcode::Halt);

  program::Rule out;
  out.metadata = std::move(metadata);
  out.code = writer_.finish();
  if (max_local_ + std::size_t{cache_count_} > 0xFFFF) {
    error(rule.range, "rule needs more than 65535 local slots");
  }
  // Cache slots go above every other local: those are reused as scopes close, a cached value
  // lives as long as the rule's evaluation.
  for (const std::size_t at : cache_operands_) {
    const auto slot = static_cast<std::uint16_t>(bytecode::read_u16(&out.code[at]) + max_local_);
    out.code[at] = static_cast<std::uint8_t>(slot & 0xFF);
    out.code[at + 1] = static_cast<std::uint8_t>(slot >> 8);
  }
  out.local_count = static_cast<std::uint16_t>(max_local_ + cache_count_);
  out.iterator_count = max_iterator_;
  out.cost = cost_statement();
  return out;
}

}  // namespace taskguard::compiler
