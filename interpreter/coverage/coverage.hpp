#pragma once
// Which rules a test suite exercises: a rule is covered when some test asserts one of its
// outcomes, and for each rule the statuses the tests made it produce. A pack whose tests never
// name a rule, or never make it fail, has a blind spot this report shows.

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "interpreter/testing/runner.hpp"
#include "language/checker/checked_program.hpp"
#include "language/program/program.hpp"

namespace taskguard::coverage {

// A decision point of a rule: a `when` guard, the deny/require condition, or one operand of an
// `and` / `or` written in the rule. Covered when the tests made it both true and false.
struct ConditionCoverage {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::uint32_t offset = 0;
  bool seen_true = false;
  bool seen_false = false;
  bool seen_unknown = false;
};

struct RuleCoverage {
  std::string id;
  std::string name;
  std::string file;
  std::uint32_t line = 0;
  std::size_t tests = 0;                      // tests with an expectation naming the rule
  std::size_t expectations = 0;               // expectations naming the rule
  std::set<Status> statuses;                  // statuses the rule produced in those tests
  std::vector<ConditionCoverage> conditions;  // empty when the policy source is not at hand
  bool covered() const { return expectations > 0; }
};

struct CoverageReport {
  std::vector<RuleCoverage> rules;  // in program order
  std::size_t covered() const;
  double percent() const;  // 100 when there is no rule
  // Each condition has two branches (true, false).
  std::size_t branches() const;
  std::size_t branches_covered() const;
};

class CoverageCollector {
 public:
  void add_program(const std::shared_ptr<const program::Program>& program);
  // The checked source of a program added above, for condition coverage (tracing evaluation).
  void add_source(std::shared_ptr<const checker::CheckedProgram> checked);
  void record(const testing::TestCase& test, const testing::TestResult& result);
  CoverageReport report() const;

 private:
  std::vector<RuleCoverage> rules_;
  std::map<std::string, std::size_t, std::less<>> index_;  // rule id and name → rules_ slot
  struct Traceable {
    std::shared_ptr<const checker::CheckedProgram> checked;
    std::size_t rule;  // index in checked->rules
  };
  std::map<std::size_t, Traceable> sources_;  // rules_ slot → its source
};

// "rules: 42/42 (100.0%)" and one line per rule with the statuses exercised; uncovered first.
std::string render_text(const CoverageReport& report);
// {"rules": {"total": N, "covered": N, "percent": P}, "by_rule": [{"id", "name", "covered",
//  "tests", "expectations", "statuses": [...]}]}
std::string render_json(const CoverageReport& report);

}  // namespace taskguard::coverage
