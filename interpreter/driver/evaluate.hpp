#pragma once
// The evaluation driver: runs every rule of one compiled program over many task definitions on a
// pool of threads. One immutable Program is shared; each worker thread owns one VM. Outcomes
// always come back in the same order, whatever the thread count: by task definition (input
// order), then rule order, then binding order.

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <stdexcept>
#include <vector>

#include "interpreter/document/document.hpp"
#include "interpreter/outcome/outcome.hpp"
#include "language/program/parameters.hpp"
#include "language/program/rule_metadata.hpp"

namespace taskguard::program {
class Program;
}

namespace taskguard::driver {

struct EvaluationOptions {
  unsigned threads = 0;  // 0: one per hardware thread
  // Rules for which this returns false are not evaluated at all (no outcome, not even
  // not_applicable). Empty: every rule.
  std::function<bool(const RuleMetadata&)> rule_filter;
  ParameterValues parameters;             // --param overrides; unknown names are an error
  std::uint64_t step_budget = 1'000'000;  // instructions per rule per task definition
  // False: pass and not_applicable outcomes are counted (Evaluator::pass_count and
  // not_applicable_count) but not materialised, which saves building millions of Outcome
  // objects when a report only lists findings.
  bool list_every_outcome = true;
  // False: outcomes carry no JSON pointer (`location.pointer` stays empty; line and column are
  // still set), for reports that do not print one: a heap string per finding less.
  bool record_pointers = true;
};

// Thrown by the constructors below when the options do not fit the program (an unknown
// parameter name, a parameter value of the wrong type). The message names the parameter.
struct OptionsError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Reusable evaluator: construct once per run, then feed it batches (for example a few thousand
// NDJSON lines at a time, dropping each batch's arena afterwards) so memory stays bounded however
// long the stream is. Not itself thread-safe: one caller thread drives evaluate(), which fans
// out inside; evaluate_into() is for callers that keep threads of their own.
class Evaluator {
 public:
  Evaluator(std::shared_ptr<const program::Program> program, EvaluationOptions options);
  ~Evaluator();
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  // Evaluates one batch and returns its outcomes in deterministic order.
  std::vector<Outcome> evaluate(std::span<const document::TaskDefinition> batch);

  // Same, but hands the outcomes of each task definition to `sink` in input order as soon as
  // they (and all before them) are ready, so a reporter can start writing while later task
  // definitions are still being evaluated. `sink` runs on the calling thread.
  void evaluate(std::span<const document::TaskDefinition> batch,
                const std::function<void(std::vector<Outcome>&&)>& sink);

  // For a caller that runs its own threads: makes `count` workers, each with its own VM, after
  // which evaluate_into may run on up to `count` threads at once, each with its own `worker`
  // index below `count`. Outcomes of `task` are appended to `outcomes`, in rule order.
  void prepare_workers(unsigned count);
  void evaluate_into(unsigned worker, const document::TaskDefinition& task,
                     std::vector<Outcome>& outcomes);

  // Pass and not_applicable outcomes seen so far (including the ones not kept when
  // list_every_outcome is false).
  std::uint64_t pass_count() const;
  std::uint64_t not_applicable_count() const;
  const program::Program& program() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One-shot convenience over Evaluator.
std::vector<Outcome> evaluate(const program::Program& program,
                              const std::vector<document::TaskDefinition>& task_definitions,
                              const EvaluationOptions& options);
std::vector<Outcome> evaluate(std::shared_ptr<const program::Program> program,
                              const std::vector<document::TaskDefinition>& task_definitions,
                              const EvaluationOptions& options);

}  // namespace taskguard::driver
