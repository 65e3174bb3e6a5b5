#include "interpreter/testing/runner.hpp"

#include <fmt/core.h>

#include "interpreter/driver/evaluate.hpp"
#include "interpreter/loaders/load.hpp"
#include "interpreter/waivers/waiver_book.hpp"
#include "interpreter/waivers/waiver_file.hpp"

namespace taskguard::testing {
namespace {

std::string at(const SourceRef& where) {
  return fmt::format("{}:{}:{}", where.file, where.line, where.column);
}

bool declares(const program::Program& program, const std::string& name) {
  for (const auto& p : program.parameters()) {
    if (p.name == name || p.package + "." + p.name == name) return true;
  }
  return false;
}

// Each program receives the parameters it declares; a name no program declares is a typo.
std::vector<ParameterValues> split_parameters(
    const TestCase& test, const std::vector<std::shared_ptr<const program::Program>>& programs) {
  std::vector<ParameterValues> out(programs.size());
  for (const auto& [name, value] : test.params) {
    bool used = false;
    for (std::size_t i = 0; i < programs.size(); ++i) {
      if (!declares(*programs[i], name)) continue;
      out[i][name] = value;
      used = true;
    }
    if (!used) {
      throw InvalidTest(
          fmt::format("{}: error: test '{}' sets parameter '{}', which no policy declares",
                      at(test.where), test.name, name));
    }
  }
  return out;
}

std::string load_errors(const document::LoadedFile& loaded) {
  std::string out;
  for (const auto& e : loaded.errors) {
    if (!e.fatal) continue;
    if (!out.empty()) out += "; ";
    out += e.message;
  }
  return out;
}

}  // namespace

bool selects(const Expectation& e, const Outcome& outcome) {
  if (outcome.status != e.status) return false;
  if (outcome.rule == nullptr || (outcome.rule->id != e.rule && outcome.rule->name != e.rule))
    return false;
  if (e.pointer && outcome.location.pointer != *e.pointer) return false;
  if (e.message && outcome.message.find(*e.message) == std::string::npos) return false;
  if (e.document_index && outcome.origin.index != *e.document_index) return false;
  if (e.line && outcome.location.line != *e.line) return false;
  return true;
}

void check_rule_names(const TestFile& file,
                      const std::vector<std::shared_ptr<const program::Program>>& programs) {
  for (const auto& test : file.tests) {
    for (const auto& e : test.expect) {
      bool known = false;
      for (const auto& program : programs) {
        for (const auto& rule : program->rules()) {
          known = known || rule.metadata->id == e.rule || rule.metadata->name == e.rule;
        }
      }
      if (!known) {
        throw InvalidTest(
            fmt::format("{}: error: no loaded policy defines a rule '{}'", at(e.where), e.rule));
      }
    }
  }
}

TestResult run_test(const TestCase& test,
                    const std::vector<std::shared_ptr<const program::Program>>& programs,
                    const limits::Limits& limits) {
  TestResult result;
  result.test = &test;
  const auto parameters = split_parameters(test, programs);
  result.input = loaders::load_text(test.input.text, test.input.display_name, limits);
  const document::LoadedFile& loaded = result.input;
  const std::string errors = load_errors(loaded);
  if (test.load_error) {
    if (errors.empty()) {
      result.error = fmt::format("expected the input to fail to load with '{}', but it loaded",
                                 *test.load_error);
    } else if (errors.find(*test.load_error) == std::string::npos) {
      result.error =
          fmt::format("expected a load error containing '{}', got: {}", *test.load_error, errors);
    }
    return result;
  }
  if (!errors.empty()) {
    result.error = fmt::format("the input did not load: {}", errors);
    return result;
  }
  for (std::size_t i = 0; i < programs.size(); ++i) {
    driver::EvaluationOptions options;
    options.threads = 1;
    options.parameters = parameters[i];
    options.step_budget = limits.vm_steps;
    try {
      auto outcomes = driver::evaluate(*programs[i], loaded.task_definitions, options);
      result.outcomes.insert(result.outcomes.end(), std::make_move_iterator(outcomes.begin()),
                             std::make_move_iterator(outcomes.end()));
    } catch (const std::exception& e) {
      throw InvalidTest(
          fmt::format("{}: error: test '{}': {}", at(test.where), test.name, e.what()));
    }
  }
  if (test.waivers) {
    try {
      waivers::WaiverBook book(waivers::read_waiver_file(*test.waivers), waivers::today_utc());
      book.apply(result.outcomes);
    } catch (const std::exception& e) {
      throw InvalidTest(
          fmt::format("{}: error: test '{}': {}", at(test.where), test.name, e.what()));
    }
  }
  for (const auto& e : test.expect) {
    std::size_t matched = 0;
    for (const auto& outcome : result.outcomes)
      matched += selects(e, outcome) ? 1 : 0;
    const bool holds = e.count ? matched == *e.count : matched > 0;
    if (!holds) result.failures.push_back({&e, matched});
  }
  return result;
}

}  // namespace taskguard::testing
