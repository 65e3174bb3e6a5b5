#include "interpreter/driver/evaluate.hpp"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "interpreter/vm/vm.hpp"
#include "language/program/program.hpp"

namespace taskguard::driver {

struct Evaluator::Impl {
  std::shared_ptr<const program::Program> program;
  EvaluationOptions options;
  std::vector<std::size_t> rules;  // indices of the selected rules, in program order
  // Outcomes counted rather than kept (all of them, when list_every_outcome is false).
  struct Tally {
    std::uint64_t passes = 0;
    std::uint64_t not_applicable = 0;
    std::size_t last_outcomes = 0;  // kept by the last task definition: a sizing hint, not added
  };
  // One per thread that evaluates, kept across batches: a VM and what it counted. A cache line
  // each: every thread updates its tally after every task definition, and two 32-byte workers
  // made one after the other shared a line.
  struct alignas(64) Worker {
    std::unique_ptr<vm::Vm> vm;
    Tally tally;
  };
  std::vector<std::unique_ptr<Worker>> workers;

  Worker& worker(std::size_t index) {
    while (workers.size() <= index) {
      auto w = std::make_unique<Worker>();
      w->vm = std::make_unique<vm::Vm>(program, options.parameters, options.step_budget);
      workers.push_back(std::move(w));
    }
    return *workers[index];
  }

  // Appends the outcomes of `task` to `outcomes`.
  void evaluate_one(Worker& w, const document::TaskDefinition& task,
                    std::vector<Outcome>& outcomes) {
    // Sized for what the previous task definition gave, and half as much again (the next may
    // have another container or more variables): outcomes are large, and growing the vector one
    // doubling at a time moved each of them about twice more.
    const std::size_t wanted = outcomes.size() + w.tally.last_outcomes + w.tally.last_outcomes / 2;
    if (wanted > outcomes.capacity()) outcomes.reserve(std::max(wanted, 2 * outcomes.capacity()));
    const std::size_t before = outcomes.size();
    vm::OutcomeSink sink{outcomes, options.list_every_outcome, 0, 0, options.record_pointers};
    if (task.root != nullptr) {
      for (std::size_t rule : rules)
        w.vm->evaluate(rule, task, sink);
    }
    w.vm->end_document();
    w.tally.passes += sink.passes;
    w.tally.not_applicable += sink.not_applicable;
    w.tally.last_outcomes = outcomes.size() - before;
  }

  unsigned worker_count(std::size_t batch) const {
    unsigned n = options.threads != 0 ? options.threads : std::thread::hardware_concurrency();
    if (n == 0) n = 1;
    return static_cast<unsigned>(std::min<std::size_t>(n, std::max<std::size_t>(batch, 1)));
  }
};

Evaluator::Evaluator(std::shared_ptr<const program::Program> program, EvaluationOptions options)
    : impl_(std::make_unique<Impl>()) {
  impl_->program = std::move(program);
  impl_->options = std::move(options);
  const auto& rules = impl_->program->rules();
  for (std::size_t r = 0; r < rules.size(); ++r) {
    if (!impl_->options.rule_filter || impl_->options.rule_filter(*rules[r].metadata)) {
      impl_->rules.push_back(r);
    }
  }
  try {
    impl_->worker(0);  // binds the parameters now, so a bad --param fails before any input
  } catch (const vm::ParameterError& e) {
    throw OptionsError(e.what());
  }
}

Evaluator::~Evaluator() = default;

std::uint64_t Evaluator::pass_count() const {
  std::uint64_t n = 0;
  for (const auto& w : impl_->workers)
    n += w->tally.passes;
  return n;
}
std::uint64_t Evaluator::not_applicable_count() const {
  std::uint64_t n = 0;
  for (const auto& w : impl_->workers)
    n += w->tally.not_applicable;
  return n;
}

void Evaluator::prepare_workers(unsigned count) {
  if (count > 0) impl_->worker(count - 1);
}

void Evaluator::evaluate_into(unsigned worker, const document::TaskDefinition& task,
                              std::vector<Outcome>& outcomes) {
  impl_->evaluate_one(*impl_->workers.at(worker), task, outcomes);
}
const program::Program& Evaluator::program() const {
  return *impl_->program;
}

std::vector<Outcome> Evaluator::evaluate(std::span<const document::TaskDefinition> batch) {
  std::vector<Outcome> all;
  evaluate(batch, [&](std::vector<Outcome>&& outcomes) {
    if (all.empty()) {
      all = std::move(outcomes);
    } else {
      all.insert(all.end(), std::make_move_iterator(outcomes.begin()),
                 std::make_move_iterator(outcomes.end()));
    }
  });
  return all;
}

void Evaluator::evaluate(std::span<const document::TaskDefinition> batch,
                         const std::function<void(std::vector<Outcome>&&)>& sink) {
  Impl& impl = *impl_;
  const unsigned workers = impl.worker_count(batch.size());
  if (workers <= 1) {
    Impl::Worker& worker = impl.worker(0);
    for (const document::TaskDefinition& task : batch) {
      std::vector<Outcome> outcomes;
      impl.evaluate_one(worker, task, outcomes);
      sink(std::move(outcomes));
    }
    return;
  }
  prepare_workers(workers);  // created here, not in the threads

  // Workers take task definitions in input order; the calling thread hands results to `sink`
  // in that same order as each becomes ready.
  std::vector<std::vector<Outcome>> results(batch.size());
  std::vector<std::uint8_t> ready(batch.size(), 0);
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::condition_variable changed;
  std::exception_ptr failure;

  auto work = [&](unsigned worker) {
    Impl::Worker& w = *impl.workers[worker];
    for (;;) {
      const std::size_t i = next.fetch_add(1);
      if (i >= batch.size()) return;
      std::vector<Outcome> outcomes;
      try {
        impl.evaluate_one(w, batch[i], outcomes);
      } catch (...) {
        std::lock_guard lock(mutex);
        if (!failure) failure = std::current_exception();
      }
      {
        std::lock_guard lock(mutex);
        results[i] = std::move(outcomes);
        ready[i] = 1;
      }
      changed.notify_one();
    }
  };

  std::vector<std::jthread> threads;
  threads.reserve(workers);
  for (unsigned w = 0; w < workers; ++w)
    threads.emplace_back(work, w);

  for (std::size_t i = 0; i < batch.size(); ++i) {
    std::vector<Outcome> outcomes;
    {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return ready[i] != 0; });
      outcomes = std::move(results[i]);
    }
    sink(std::move(outcomes));
  }
  threads.clear();  // joins
  if (failure) std::rethrow_exception(failure);
}

std::vector<Outcome> evaluate(std::shared_ptr<const program::Program> program,
                              const std::vector<document::TaskDefinition>& task_definitions,
                              const EvaluationOptions& options) {
  Evaluator evaluator(std::move(program), options);
  return evaluator.evaluate(task_definitions);
}

std::vector<Outcome> evaluate(const program::Program& program,
                              const std::vector<document::TaskDefinition>& task_definitions,
                              const EvaluationOptions& options) {
  // The caller keeps `program` alive for the duration of the call: a non-owning pointer.
  std::shared_ptr<const program::Program> view(&program, [](const program::Program*) {});
  return evaluate(std::move(view), task_definitions, options);
}

}  // namespace taskguard::driver
