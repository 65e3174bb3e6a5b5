#pragma once
// Hand-made outcomes for reporter tests: reporters are pure functions of a Report, so no policy,
// loader or VM is needed to exercise them.

#include <memory>
#include <string>

#include "cli/report/report.hpp"

namespace taskguard::testing {

inline std::shared_ptr<const RuleMetadata> make_rule(std::string id, Severity severity,
                                                     std::string name = "privileged-container") {
  auto rule = std::make_shared<RuleMetadata>();
  rule->id = std::move(id);
  rule->name = std::move(name);
  rule->title = "Containers do not run privileged";
  rule->severity = severity;
  rule->rationale = "A privileged container has every capability of the host.";
  rule->remediation = "Remove `privileged` or set it to false.";
  rule->owasp_nhi = {"NHI5"};
  rule->nist_csf = {"PR.AA-05", "PR.PS-01"};
  rule->aws = {"ECS.4"};
  return rule;
}

inline Outcome make_outcome(std::shared_ptr<const RuleMetadata> rule, Status status,
                            std::string file, std::uint32_t line, std::uint32_t column,
                            std::string message = "container 'web' runs privileged") {
  Outcome o;
  o.severity = rule->severity;
  o.rule = std::move(rule);
  o.status = status;
  o.message = std::move(message);
  o.origin.file = file;
  o.origin.shape = "api";
  o.family = "web-api";
  o.container = "web";
  o.location.pointer = "/containerDefinitions/0/privileged";
  o.location.file = std::move(file);
  o.location.line = line;
  o.location.column = column;
  return o;
}

// Two rules on one file: a critical failure, a pass, a medium unknown, and a waived failure.
inline report::Report sample_report() {
  report::Report r;
  r.version = "9.9.9";
  auto privileged = make_rule("TG-RUN-001", Severity::Critical);
  auto logging = make_rule("TG-LOG-001", Severity::Medium, "logging-configured");
  r.rules = {privileged, logging};
  r.outcomes.push_back(make_outcome(privileged, Status::Fail, "td/web.json", 7, 21));
  r.outcomes.push_back(
      make_outcome(logging, Status::Unknown, "td/web.json", 3, 5, "logDriver is <unknown>"));
  Outcome waived = make_outcome(privileged, Status::Waived, "td/batch.json", 4, 9,
                                "container 'job' runs privileged");
  waived.waiver_owner = "platform-team";
  waived.waiver_reason = "needs /dev/fuse until Q3";
  waived.waiver_expires = "2099-12-31";
  r.outcomes.push_back(waived);
  r.outcomes.push_back(make_outcome(logging, Status::Pass, "td/batch.json", 2, 3, ""));
  r.source_lines["td/web.json"][7] = "      \"privileged\": true,";
  r.files = 2;
  r.task_definitions = 2;
  return r;
}

}  // namespace taskguard::testing
