#pragma once
// The virtual machine: one dispatch loop over a rule's bytecode. A Vm holds only per-thread
// state (operand stack, locals, iterators, scratch memory); the Program it runs is immutable
// and shared, so N threads evaluate one Program with N Vms and no locking.

#include <cstdint>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "interpreter/document/document.hpp"
#include "interpreter/outcome/outcome.hpp"
#include "interpreter/value/operators.hpp"
#include "interpreter/value/value.hpp"
#include "language/program/parameters.hpp"
#include "language/program/program.hpp"

namespace taskguard::vm {

// A --param value that the program does not declare or that has the wrong type.
struct ParameterError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Where a Vm puts outcomes. Pass and not_applicable outcomes are only counted when
// `list_every_outcome` is false.
struct OutcomeSink {
  std::vector<Outcome>& outcomes;
  bool list_every_outcome = true;
  std::uint64_t passes = 0;
  std::uint64_t not_applicable = 0;
  bool record_pointers = true;  // false: outcomes get no location.pointer (line, column still)
};

class Vm {
 public:
  // Binds the program's parameters: `overrides` replace declared defaults (by name, or by
  // "package.name"). Throws ParameterError.
  Vm(std::shared_ptr<const program::Program> program, const ParameterValues& overrides,
     std::uint64_t step_budget = 1'000'000);
  ~Vm();
  Vm(const Vm&) = delete;
  Vm& operator=(const Vm&) = delete;

  // Evaluates rule `rule` (an index into program().rules()) on one task definition and appends
  // its outcomes, in binding order. Scratch memory is not released: call end_document() after
  // the last rule of a task definition.
  void evaluate(std::size_t rule, const document::TaskDefinition& task, OutcomeSink& sink);
  // Evaluates every rule for which `selected` is empty or true, in rule order.
  void evaluate_all(const document::TaskDefinition& task, std::span<const bool> selected,
                    OutcomeSink& sink);
  void end_document() { scratch_.reset(); }

  const program::Program& program() const { return *program_; }

 private:
  struct Frame;
  struct Iterator;

  Value constant_value(std::uint32_t index);
  Value json_value(const nlohmann::json& json);
  void run(Frame& frame);
  void read_field(Value& base, const program::Key& key, std::uint32_t fallback,
                  bool& assumed) const;

  std::shared_ptr<const program::Program> program_;
  // The metadata of each rule, as outcomes hold it: sharing ownership with a control block of
  // this Vm's own, so that the reference counting of the outcomes one thread builds touches
  // no cache line that another thread's outcomes touch too.
  std::vector<std::shared_ptr<const RuleMetadata>> rule_metadata_;
  std::uint64_t step_budget_;
  std::vector<Value> constants_;   // the program's constants as values (strings view the program)
  std::vector<Value> parameters_;  // bound parameter values
  Scratch persistent_;             // parameter lists and constant lists: live as long as the Vm
  Scratch scratch_;                // values made while evaluating one task definition
  RegexCache regexes_;
  std::vector<Value> stack_;
  std::vector<Value> locals_;
  std::vector<const document::Node*> local_nodes_;
  // Per local slot, for the slots that cache a loop-invariant value (LoadCached / StoreCached):
  // whether this rule evaluation has computed it, and whether it rests on an assumed value.
  static constexpr std::uint8_t kNotCached = 0, kCached = 1, kCachedAssumed = 2;
  std::vector<std::uint8_t> cached_;
  std::vector<Iterator> iterators_;
  std::vector<std::uint16_t> active_for_;
  std::string text_;  // reused buffer for interpolation
  // The pending outcome's message (SetMessage, read by the Emit that follows it): kept from
  // outcome to outcome, so an outcome gets one string of its message's size.
  std::string message_;
  document::SharedText family_;  // the last family an outcome named
};

}  // namespace taskguard::vm
