#pragma once
// Everything a reporter may show, as one value. Reporters are pure functions of a Report: they
// never open files, look at documents or run rules, so each format can be tested with hand-made
// outcomes and two formats of one run can never disagree.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "interpreter/document/document.hpp"
#include "interpreter/outcome/outcome.hpp"
#include "interpreter/waivers/waiver.hpp"
#include "language/program/rule_metadata.hpp"

namespace taskguard::report {

// What makes a run fail (--fail-on, --unknown).
enum class UnknownPolicy : unsigned char { Fail, Warn, Ignore };
const char* unknown_policy_name(UnknownPolicy policy);  // "fail" | "warn" | "ignore"
bool parse_unknown_policy(std::string_view text, UnknownPolicy& out);

struct Gate {
  // Fail and error outcomes at or above this severity fail the run; nullopt: nothing does
  // (--fail-on never).
  std::optional<Severity> fail_on = Severity::Low;
  UnknownPolicy unknown = UnknownPolicy::Warn;
};

// Source lines quoted under findings, by file then line number. The check command fills in the
// lines findings point at; values of @sensitive rules are already masked here.
using SourceLines = std::map<std::string, std::map<std::uint32_t, std::string>, std::less<>>;

// Outcomes tallied by status, failing severity and gate: what a summary needs of them.
struct OutcomeCounts {
  std::uint64_t by_status[6] = {};    // indexed by Status
  std::uint64_t by_severity[4] = {};  // fail outcomes, indexed by Severity
  std::uint64_t failing = 0;          // outcomes that fail the run under the gate

  void add(const Outcome& outcome, const Gate& gate);
  void add(const OutcomeCounts& other);
};

struct Report {
  std::string tool = "taskguard";
  std::string version;
  // In evaluation order (input order, rule order, binding order); reporters sort as they need.
  std::vector<Outcome> outcomes;
  std::vector<document::InputError> errors;                // fatal errors and warnings about inputs
  std::vector<std::shared_ptr<const RuleMetadata>> rules;  // every rule that ran
  std::vector<WaiverNotice> waiver_notices;
  SourceLines source_lines;
  std::uint64_t files = 0;             // input files read (or attempted)
  std::uint64_t task_definitions = 0;  // task definitions checked
  // Pass outcomes counted but not kept (a text report of a long stream lists only findings).
  std::uint64_t unlisted_passes = 0;
  std::uint64_t unlisted_not_applicable = 0;  // likewise
  // Outcomes a streaming report already wrote and dropped (reporters.hpp, StreamingReporter):
  // they count in the summary like the ones still in `outcomes`.
  OutcomeCounts written;
  Gate gate;
  bool verbose = false;  // list pass and not_applicable outcomes too
};

// Does this outcome fail the run under the report's gate?
bool is_failing(const Outcome& outcome, const Gate& gate);

// Is this outcome shown in finding lists (text, github, sarif)? Fail, error, waived and unknown
// (unless --unknown ignore) always; pass and not_applicable only when verbose.
bool is_listed(const Outcome& outcome, const Report& report);

struct Summary {
  std::uint64_t files = 0;
  std::uint64_t task_definitions = 0;
  std::uint64_t rules = 0;
  std::uint64_t by_status[6] = {};    // indexed by Status
  std::uint64_t by_severity[4] = {};  // fail outcomes, indexed by Severity
  std::uint64_t input_errors = 0;     // fatal input errors
  std::uint64_t warnings = 0;         // input warnings and waiver notices
  std::uint64_t failing = 0;          // outcomes that fail the run under the gate

  std::uint64_t count(Status s) const { return by_status[static_cast<int>(s)]; }
  std::uint64_t count(Severity s) const { return by_severity[static_cast<int>(s)]; }
};

Summary summarize(const Report& report);

// The exit code the run ends with (cli/app.hpp): 3 when an input could not be read, else 1 when
// an outcome fails the gate, else 0. Usage and policy errors (2) never reach a report.
int exit_code(const Report& report);

// The file a finding points at: its location's, else its task definition's.
const std::string& file_of(const Outcome& outcome);

// Orders outcomes for display: by file, then line, column, rule id, message.
std::vector<const Outcome*> sorted_for_display(const Report& report, bool listed_only);

}  // namespace taskguard::report
