#pragma once
// Fuzz entry point: the whole default pack evaluated by the VM on fuzzed documents. The input is
// loaded as a JSON file (any shape), then every rule runs on every task definition found, with
// a step budget. Contract: every rule yields outcomes (an `error` outcome is allowed: it is a
// reported result), never a crash, hang or exception.

#include <memory>
#include <string_view>

#include "cli/commands/default_pack.hpp"
#include "interpreter/driver/evaluate.hpp"
#include "interpreter/loaders/load.hpp"
#include "tests/fuzz/entry_points/result.hpp"

namespace taskguard::fuzz {

inline Result vm_full_pack(std::string_view input) {
  static const std::shared_ptr<const program::Program> pack = cli::default_pack();
  const document::LoadedFile file = loaders::load_text(input, "fuzz.json");
  if (file.task_definitions.empty()) {
    for (const auto& error : file.errors) {
      if (error.fatal) return {false, error.message};
    }
    return {false, {}};
  }
  driver::EvaluationOptions options;
  options.threads = 1;
  const auto outcomes = driver::evaluate(pack, file.task_definitions, options);
  // Every rule answers for every task definition, at least with not_applicable.
  if (outcomes.size() < file.task_definitions.size() * pack->rules().size()) {
    return {false, {}};
  }
  return {true, {}};
}

}  // namespace taskguard::fuzz
