#include "interpreter/coverage/coverage.hpp"

#include <fmt/core.h>

#include <nlohmann/json.hpp>

#include "interpreter/explain/trace.hpp"

namespace taskguard::coverage {
namespace {

constexpr Status kStatuses[] = {Status::Pass,   Status::Fail,          Status::Unknown,
                                Status::Waived, Status::NotApplicable, Status::Error};

std::vector<std::string> status_names(const std::set<Status>& statuses) {
  std::vector<std::string> out;
  for (Status s : kStatuses) {
    if (statuses.contains(s)) out.emplace_back(status_name(s));
  }
  return out;
}

// The rule's own decision points, in source order: guards, the condition, and/or operands.
void collect_decisions(const ast::Expr& e, const std::string& file,
                       std::vector<ConditionCoverage>& out) {
  if (const auto* b = std::get_if<ast::Binary>(&e.node)) {
    if (b->op == ast::BinaryOp::And || b->op == ast::BinaryOp::Or) {
      for (const auto* operand : {b->left.get(), b->right.get()}) {
        out.push_back({file, operand->range.begin.line, operand->range.begin.column,
                       operand->range.begin.offset});
        collect_decisions(*operand, file, out);
      }
      return;
    }
    collect_decisions(*b->left, file, out);
    collect_decisions(*b->right, file, out);
  } else if (const auto* u = std::get_if<ast::Unary>(&e.node)) {
    collect_decisions(*u->operand, file, out);
  } else if (const auto* q = std::get_if<ast::Quantifier>(&e.node)) {
    collect_decisions(*q->condition, file, out);
  }
}

std::vector<ConditionCoverage> decisions(const ast::Rule& rule, const std::string& file) {
  std::vector<ConditionCoverage> out;
  auto top = [&](const ast::Expr& e) {
    out.push_back({file, e.range.begin.line, e.range.begin.column, e.range.begin.offset});
    collect_decisions(e, file, out);
  };
  for (const auto& clause : rule.clauses) {
    if (clause.kind == ast::Clause::Kind::When) top(*clause.expr);
  }
  top(*rule.condition);
  return out;
}

}  // namespace

std::size_t CoverageReport::branches() const {
  std::size_t n = 0;
  for (const auto& r : rules)
    n += 2 * r.conditions.size();
  return n;
}

std::size_t CoverageReport::branches_covered() const {
  std::size_t n = 0;
  for (const auto& r : rules) {
    for (const auto& c : r.conditions)
      n += (c.seen_true ? 1 : 0) + (c.seen_false ? 1 : 0);
  }
  return n;
}

void CoverageCollector::add_source(std::shared_ptr<const checker::CheckedProgram> checked) {
  for (std::size_t i = 0; i < checked->rules.size(); ++i) {
    auto it = index_.find(checked->metadata[i].id);
    if (it == index_.end()) continue;
    rules_[it->second].conditions = decisions(*checked->rules[i], checked->metadata[i].file);
    sources_[it->second] = {checked, i};
  }
}

std::size_t CoverageReport::covered() const {
  std::size_t n = 0;
  for (const auto& r : rules)
    n += r.covered() ? 1 : 0;
  return n;
}

double CoverageReport::percent() const {
  return rules.empty() ? 100.0
                       : 100.0 * static_cast<double>(covered()) / static_cast<double>(rules.size());
}

void CoverageCollector::add_program(const std::shared_ptr<const program::Program>& program) {
  for (const auto& rule : program->rules()) {
    const auto& m = *rule.metadata;
    if (index_.contains(m.id)) continue;
    index_[m.id] = rules_.size();
    index_[m.name] = rules_.size();
    rules_.push_back({m.id, m.name, m.file, m.line, 0, 0, {}, {}});
  }
}

void CoverageCollector::record(const testing::TestCase& test, const testing::TestResult& result) {
  std::set<std::size_t> named;
  for (const auto& e : test.expect) {
    auto it = index_.find(e.rule);
    if (it == index_.end()) continue;
    ++rules_[it->second].expectations;
    named.insert(it->second);
  }
  for (std::size_t slot : named) {
    ++rules_[slot].tests;
    auto source = sources_.find(slot);
    if (source == sources_.end()) continue;
    auto& conditions = rules_[slot].conditions;
    for (const auto& task : result.input.task_definitions) {
      const auto trace =
          explain::trace_rule(*source->second.checked, source->second.rule, task, test.params);
      for (const auto& binding : trace.bindings) {
        for (const auto& step : binding.steps) {
          if (!step.decision) continue;
          for (auto& c : conditions) {
            if (c.offset != step.range.begin.offset || c.file != step.file) continue;
            c.seen_true = c.seen_true || step.truth == explain::Truth::True;
            c.seen_false = c.seen_false || step.truth == explain::Truth::False;
            c.seen_unknown = c.seen_unknown || step.truth == explain::Truth::Unknown;
          }
        }
      }
    }
  }
  for (const auto& outcome : result.outcomes) {
    if (outcome.rule == nullptr) continue;
    auto it = index_.find(outcome.rule->id);
    if (it != index_.end() && named.contains(it->second))
      rules_[it->second].statuses.insert(outcome.status);
  }
}

CoverageReport CoverageCollector::report() const {
  return {rules_};
}

double percent_of(std::size_t part, std::size_t whole) {
  return whole == 0 ? 100.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

std::string render_text(const CoverageReport& report) {
  std::string out = fmt::format("coverage: rules {}/{} ({:.1f}%)", report.covered(),
                                report.rules.size(), report.percent());
  if (report.branches() > 0) {
    out += fmt::format(", condition branches {}/{} ({:.1f}%)", report.branches_covered(),
                       report.branches(), percent_of(report.branches_covered(), report.branches()));
  }
  out += "\n";
  for (bool covered : {false, true}) {
    for (const auto& r : report.rules) {
      if (r.covered() != covered) continue;
      if (!covered) {
        out += fmt::format("  NOT COVERED {} {} ({}:{})\n", r.id, r.name, r.file, r.line);
        continue;
      }
      std::string statuses;
      for (const auto& s : status_names(r.statuses))
        statuses += (statuses.empty() ? "" : ",") + s;
      out += fmt::format("  covered     {} {}: {} tests, {} expectations, statuses {}\n", r.id,
                         r.name, r.tests, r.expectations, statuses.empty() ? "-" : statuses);
      for (const auto& c : r.conditions) {
        if (c.seen_true && c.seen_false) continue;
        const char* missing = !c.seen_true && !c.seen_false ? "never true or false"
                              : c.seen_true                 ? "never false"
                                                            : "never true";
        out += fmt::format("                condition {}:{}:{} {}\n", c.file, c.line, c.column,
                           missing);
      }
    }
  }
  return out;
}

nlohmann::json conditions_json(const RuleCoverage& r) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : r.conditions) {
    out.push_back({{"file", c.file},
                   {"line", c.line},
                   {"column", c.column},
                   {"true", c.seen_true},
                   {"false", c.seen_false},
                   {"unknown", c.seen_unknown}});
  }
  return out;
}

std::string render_json(const CoverageReport& report) {
  nlohmann::json by_rule = nlohmann::json::array();
  for (const auto& r : report.rules) {
    by_rule.push_back({{"id", r.id},
                       {"name", r.name},
                       {"covered", r.covered()},
                       {"tests", r.tests},
                       {"expectations", r.expectations},
                       {"statuses", status_names(r.statuses)},
                       {"conditions", conditions_json(r)}});
  }
  nlohmann::json out = {{"rules",
                         {{"total", report.rules.size()},
                          {"covered", report.covered()},
                          {"percent", report.percent()}}},
                        {"condition_branches",
                         {{"total", report.branches()},
                          {"covered", report.branches_covered()},
                          {"percent", percent_of(report.branches_covered(), report.branches())}}},
                        {"by_rule", by_rule}};
  return out.dump(2);
}

}  // namespace taskguard::coverage
