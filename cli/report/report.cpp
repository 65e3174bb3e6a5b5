#include "cli/report/report.hpp"

#include <algorithm>
#include <iterator>
#include <tuple>

#include "cli/app.hpp"

namespace taskguard::report {

const char* unknown_policy_name(UnknownPolicy policy) {
  switch (policy) {
    case UnknownPolicy::Fail:
      return "fail";
    case UnknownPolicy::Warn:
      return "warn";
    case UnknownPolicy::Ignore:
      return "ignore";
  }
  return "warn";
}

bool parse_unknown_policy(std::string_view text, UnknownPolicy& out) {
  if (text == "fail")
    out = UnknownPolicy::Fail;
  else if (text == "warn")
    out = UnknownPolicy::Warn;
  else if (text == "ignore")
    out = UnknownPolicy::Ignore;
  else
    return false;
  return true;
}

bool is_failing(const Outcome& outcome, const Gate& gate) {
  if (!gate.fail_on) return false;
  const bool counts = outcome.status == Status::Fail || outcome.status == Status::Error ||
                      (outcome.status == Status::Unknown && gate.unknown == UnknownPolicy::Fail);
  return counts && outcome.severity >= *gate.fail_on;
}

bool is_listed(const Outcome& outcome, const Report& report) {
  switch (outcome.status) {
    case Status::Fail:
    case Status::Error:
    case Status::Waived:
      return true;
    case Status::Unknown:
      return report.gate.unknown != UnknownPolicy::Ignore;
    case Status::NotApplicable:
    case Status::Pass:
      return report.verbose;
  }
  return true;
}

void OutcomeCounts::add(const Outcome& outcome, const Gate& gate) {
  ++by_status[static_cast<int>(outcome.status)];
  if (outcome.status == Status::Fail) ++by_severity[static_cast<int>(outcome.severity)];
  if (is_failing(outcome, gate)) ++failing;
}

void OutcomeCounts::add(const OutcomeCounts& other) {
  for (std::size_t i = 0; i < std::size(by_status); ++i)
    by_status[i] += other.by_status[i];
  for (std::size_t i = 0; i < std::size(by_severity); ++i)
    by_severity[i] += other.by_severity[i];
  failing += other.failing;
}

Summary summarize(const Report& report) {
  OutcomeCounts counts = report.written;
  for (const Outcome& outcome : report.outcomes)
    counts.add(outcome, report.gate);
  Summary summary;
  summary.files = report.files;
  summary.task_definitions = report.task_definitions;
  summary.rules = report.rules.size();
  std::copy(std::begin(counts.by_status), std::end(counts.by_status), summary.by_status);
  std::copy(std::begin(counts.by_severity), std::end(counts.by_severity), summary.by_severity);
  summary.failing = counts.failing;
  summary.by_status[static_cast<int>(Status::Pass)] += report.unlisted_passes;
  summary.by_status[static_cast<int>(Status::NotApplicable)] += report.unlisted_not_applicable;
  for (const document::InputError& error : report.errors) {
    ++(error.fatal ? summary.input_errors : summary.warnings);
  }
  summary.warnings += report.waiver_notices.size();
  return summary;
}

int exit_code(const Report& report) {
  const Summary summary = summarize(report);
  if (summary.input_errors > 0) return cli::kExitUnreadableInput;
  if (summary.failing > 0) return cli::kExitFindings;
  return cli::kExitOk;
}

const std::string& file_of(const Outcome& outcome) {
  return outcome.location.file.empty() ? outcome.origin.file.str() : outcome.location.file;
}

std::vector<const Outcome*> sorted_for_display(const Report& report, bool listed_only) {
  std::vector<const Outcome*> result;
  for (const Outcome& outcome : report.outcomes) {
    if (!listed_only || is_listed(outcome, report)) result.push_back(&outcome);
  }
  // By file, then by place. The outcomes of one task definition share their file's one copy of
  // its name: the same string needs no comparing, character by character, at every step.
  auto after_file = [](const Outcome* o) {
    return std::tie(o->origin.index, o->location.line, o->location.column, o->rule->id, o->message);
  };
  std::stable_sort(result.begin(), result.end(), [&](const Outcome* a, const Outcome* b) {
    const std::string& a_file = file_of(*a);
    const std::string& b_file = file_of(*b);
    if (&a_file != &b_file) {
      if (const int order = a_file.compare(b_file); order != 0) return order < 0;
    }
    return after_file(a) < after_file(b);
  });
  return result;
}

}  // namespace taskguard::report
