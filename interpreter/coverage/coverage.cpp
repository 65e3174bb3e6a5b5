#include "interpreter/coverage/coverage.hpp"

#include <fmt/core.h>

#include <nlohmann/json.hpp>

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

}  // namespace

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
    rules_.push_back({m.id, m.name, m.file, m.line, 0, 0, {}});
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
  for (std::size_t slot : named)
    ++rules_[slot].tests;
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

std::string render_text(const CoverageReport& report) {
  std::string out = fmt::format("coverage: rules {}/{} ({:.1f}%)\n", report.covered(),
                                report.rules.size(), report.percent());
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
    }
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
                       {"statuses", status_names(r.statuses)}});
  }
  nlohmann::json out = {{"rules",
                         {{"total", report.rules.size()},
                          {"covered", report.covered()},
                          {"percent", report.percent()}}},
                        {"by_rule", by_rule}};
  return out.dump(2);
}

}  // namespace taskguard::coverage
