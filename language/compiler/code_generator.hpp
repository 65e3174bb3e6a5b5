#pragma once
// Lowers checked rules to bytecode. One CodeGenerator per compilation: it shares the pools
// across rules and keeps, per rule, the lexical scope (binding name → local slot), the slot and
// iterator allocators, and the cost model.
//
// Functions are inlined at every call site. There is no recursion (the checker rejects cycles),
// and inlining lets a function body see its arguments' static types, so `c.privileged` inside
// `fn` still gets the schema default of ContainerDefinition.privileged compiled in.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "language/bytecode/chunk.hpp"
#include "language/checker/checked_program.hpp"
#include "language/compiler/folding.hpp"
#include "language/compiler/pools.hpp"
#include "language/diagnostics/diagnostic.hpp"
#include "language/program/program.hpp"

namespace taskguard::compiler {

class CodeGenerator {
 public:
  CodeGenerator(const checker::CheckedProgram& checked, Pools& pools,
                diagnostics::DiagnosticList& diagnostics);

  // Index of a parameter declaration in the program's parameter table.
  void declare_parameter(const ast::Let* let, std::uint32_t index);

  program::Rule compile_rule(const ast::Rule& rule, std::shared_ptr<const RuleMetadata> metadata,
                             const std::string& file);
  // The compile-time value of an expression, when it has one.
  std::optional<Folded> fold(const ast::Expr& e);
  // Parameters the last compiled rule reads, by name.
  const std::vector<std::string>& parameters_read() const { return parameters_read_; }

 private:
  struct ScopeEntry {
    std::string name;
    std::uint16_t slot;
    Type type;
  };

  void emit(bytecode::Opcode op, std::uint32_t a = 0, std::uint32_t b = 0, std::uint32_t c = 0);
  std::uint16_t allocate_local();
  std::uint16_t allocate_iterator();
  void error(const ast::SourceRange& range, std::string message);

  void compile_clauses(const ast::Rule& rule, std::size_t clause,
                       bytecode::ChunkWriter::Label skip);
  void compile_verdict(const ast::Rule& rule, bytecode::ChunkWriter::Label skip);
  // Emits `Try skip` unless `skip` is already the error handler wherever this code runs.
  void set_handler(bytecode::ChunkWriter::Label skip);
  // Loop-invariant calls and quantifiers in a rule's loop bodies are computed once per rule
  // evaluation: the first binding that reaches one computes it, the others read the value.
  bool worth_caching(const ast::Expr& e);
  void compile_cached(const ast::Expr& e);
  void compile_expr(const ast::Expr& e);
  void compile_name(const ast::Expr& e, const ast::Name& name);
  void compile_member(const ast::Member& member);
  void compile_call(const ast::Expr& e, const ast::Call& call);
  void compile_has(const ast::Expr& argument);
  void compile_inline(const ast::Expr& e, const ast::Call& call);
  void compile_logical(const ast::Binary& binary);
  void compile_quantifier(const ast::Quantifier& q);
  void compile_locate(const ast::Expr& e);
  // A `for` collection; a list literal of document paths keeps where each item came from.
  void compile_for_collection(const ast::Expr& e);
  void push_constant(const Folded& value);

  Type static_type(const ast::Expr& e);
  const ScopeEntry* lookup(const std::string& name) const;
  // The slot a binding or argument expression reads, or nullptr when `e` is anything else.
  const ScopeEntry* local_of(const ast::Expr& e) const;
  std::uint32_t field_key(const Type& base, const std::string& name, std::uint32_t* fallback);
  std::string cost_statement() const;

  const checker::CheckedProgram& checked_;
  Pools& pools_;
  diagnostics::DiagnosticList& diagnostics_;
  std::map<const ast::Let*, std::uint32_t> parameter_index_;

  // Per rule.
  std::string file_;
  bytecode::ChunkWriter writer_;
  std::vector<ScopeEntry> scope_;
  std::uint16_t next_local_ = 0, max_local_ = 0;
  std::uint16_t next_iterator_ = 0, max_iterator_ = 0;
  int inline_depth_ = 0;
  int fold_depth_ = 0;
  std::vector<std::string> loop_factors_;  // collections enclosing the code being emitted
  std::map<std::vector<std::string>, std::uint64_t> cost_terms_;
  std::vector<std::string> parameters_read_;
  // The last unconditional jump emitted (label, code size just after it), to avoid a second one.
  bytecode::ChunkWriter::Label last_jump_target_ = 0;
  std::size_t last_jump_end_ = 0;
  // The error handler in effect where the next instruction runs (the target of the last Try,
  // or the head of the loop whose ForNextTry bound the current element); kNoHandler when not
  // known.
  static constexpr bytecode::ChunkWriter::Label kNoHandler = 0xFFFFFFFF;
  bytecode::ChunkWriter::Label handler_ = kNoHandler;
  int for_depth_ = 0;     // `for` clauses around the rule-level code being emitted
  bool caching_ = false;  // emitting a cached expression (nothing inside it is cached again)
  std::uint16_t cache_count_ = 0;
  // Offsets of the cache-slot operands emitted: numbered from 0 while the rule is compiled and
  // moved above its other locals once their count is known.
  std::vector<std::size_t> cache_operands_;
};

}  // namespace taskguard::compiler
