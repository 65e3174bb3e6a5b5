#include "interpreter/testing/diff.hpp"

#include <fmt/core.h>

namespace taskguard::testing {
namespace {

std::string plural(std::size_t n, const char* word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

std::string wanted(const Expectation& e) {
  return e.count ? plural(*e.count, "outcome") : std::string("at least 1 outcome");
}

bool same_rule(const Expectation& e, const Outcome& outcome) {
  return outcome.rule != nullptr && (outcome.rule->id == e.rule || outcome.rule->name == e.rule);
}

std::string outcome_line(const Outcome& o) {
  std::string line = fmt::format("doc {}  {:<14}  {}", o.origin.index, status_name(o.status),
                                 o.location.pointer.empty() ? "/" : o.location.pointer);
  if (o.location.line != 0) line += fmt::format(" (line {})", o.location.line);
  if (!o.message.empty() && o.status != Status::Pass && o.status != Status::NotApplicable) {
    line += fmt::format("  \"{}\"", o.message);
  }
  return line;
}

}  // namespace

std::string describe(const Expectation& e) {
  std::string out = fmt::format("{} {}", e.rule, status_name(e.status));
  if (e.count) out += fmt::format(" count={}", *e.count);
  if (e.document_index) out += fmt::format(" document_index={}", *e.document_index);
  if (e.pointer) out += fmt::format(" pointer={}", *e.pointer);
  if (e.line) out += fmt::format(" line={}", *e.line);
  if (e.message) out += fmt::format(" message~\"{}\"", *e.message);
  return out;
}

std::string render_failure(const TestResult& result) {
  if (result.passed()) return {};
  const TestCase& test = *result.test;
  std::string out = fmt::format("FAIL {}:{}: {}\n", test.where.file, test.where.line, test.name);
  if (result.error) {
    out += fmt::format("  {}\n", *result.error);
    return out;
  }
  for (const auto& failure : result.failures) {
    const Expectation& e = *failure.expectation;
    out += fmt::format("  line {}: expected {}\n", e.where.line, describe(e));
    out += fmt::format("    expected: {:<22} actual: {}\n", wanted(e),
                       plural(failure.matched, "outcome"));
    std::string produced;
    std::size_t shown = 0;
    for (const auto& outcome : result.outcomes) {
      if (!same_rule(e, outcome)) continue;
      if (shown++ == 20) {
        produced += "      ...\n";
        break;
      }
      produced += fmt::format("      {}\n", outcome_line(outcome));
    }
    if (produced.empty()) {
      out += fmt::format("    {} produced no outcome (was it filtered out?)\n", e.rule);
    } else {
      out += fmt::format("    {} produced:\n{}", e.rule, produced);
    }
  }
  return out;
}

}  // namespace taskguard::testing
