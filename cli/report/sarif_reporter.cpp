// SARIF 2.1.0 (OASIS), as read by GitHub code scanning, GitLab and IDEs. The test suite validates
// this output against the official schema.

#include <fmt/core.h>

#include <map>
#include <nlohmann/json.hpp>

#include "cli/report/reporters.hpp"

namespace taskguard::report {
namespace {

using Json = nlohmann::ordered_json;

const char* level_of(Severity s) {
  switch (s) {
    case Severity::Critical:
    case Severity::High:
      return "error";
    case Severity::Medium:
      return "warning";
    case Severity::Low:
      return "note";
  }
  return "warning";
}

// GitHub ranks code-scanning alerts by this property (CVSS-like, 0.0 to 10.0).
const char* security_severity(Severity s) {
  switch (s) {
    case Severity::Critical:
      return "9.5";
    case Severity::High:
      return "8.0";
    case Severity::Medium:
      return "5.5";
    case Severity::Low:
      return "3.0";
  }
  return "5.5";
}

// RFC 3986: a relative reference with everything outside the unreserved set and '/' escaped.
std::string to_uri(std::string_view path) {
  if (path == "-") return "stdin";
  while (path.starts_with("./"))
    path.remove_prefix(2);
  std::string uri;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      uri += static_cast<char>(c);
    } else {
      uri += fmt::format("%{:02X}", c);
    }
  }
  return uri;
}

Json rule_descriptor(const RuleMetadata& rule) {
  Json tags = Json::array({"security"});
  for (const auto& t : rule.owasp_nhi)
    tags.push_back("owasp-nhi/" + t);
  for (const auto& t : rule.nist_csf)
    tags.push_back("nist-csf/" + t);
  for (const auto& t : rule.aws)
    tags.push_back("aws/" + t);
  const std::string& description = rule.rationale.empty() ? rule.title : rule.rationale;
  std::string help = rule.remediation.empty() ? rule.title : rule.remediation;
  std::string markdown = fmt::format("**{}**\n\n{}", rule.title, description);
  if (!rule.remediation.empty()) markdown += "\n\n**Remediation:** " + rule.remediation;
  Json d = Json::object();
  d["id"] = rule.id;
  d["name"] = rule.name;
  d["shortDescription"] = {{"text", rule.title}};
  d["fullDescription"] = {{"text", description}};
  d["help"] = {{"text", help}, {"markdown", markdown}};
  d["defaultConfiguration"] = {{"level", level_of(rule.severity)}};
  d["properties"] = {{"tags", tags},
                     {"security-severity", security_severity(rule.severity)},
                     {"severity", severity_name(rule.severity)},
                     {"owasp_nhi", rule.owasp_nhi},
                     {"nist_csf", rule.nist_csf},
                     {"aws", rule.aws}};
  return d;
}

Json location_of(const Outcome& o) {
  Json physical = {{"artifactLocation", {{"uri", to_uri(file_of(o))}}}};
  if (o.location.line != 0) {
    Json region = {{"startLine", o.location.line}};
    if (o.location.column != 0) region["startColumn"] = o.location.column;
    physical["region"] = region;
  }
  Json location = {{"physicalLocation", physical}};
  std::string logical = o.family;
  if (!o.container.empty()) logical += (logical.empty() ? "" : "/") + o.container;
  if (!logical.empty()) {
    location["logicalLocations"] =
        Json::array({{{"name", o.container.empty() ? o.family.str() : o.container},
                      {"fullyQualifiedName", logical},
                      {"kind", "object"}}});
  }
  return location;
}

Json result_of(const Outcome& o, std::size_t rule_index, const Report& report) {
  Json r = Json::object();
  r["ruleId"] = o.rule->id;
  r["ruleIndex"] = rule_index;
  switch (o.status) {
    case Status::Pass:
      r["kind"] = "pass";
      r["level"] = "none";
      break;
    case Status::NotApplicable:
      r["kind"] = "notApplicable";
      r["level"] = "none";
      break;
    case Status::Unknown:
      r["kind"] = "fail";
      r["level"] = report.gate.unknown == UnknownPolicy::Fail ? level_of(o.severity) : "note";
      break;
    case Status::Error:
      r["kind"] = "fail";
      r["level"] = "error";
      break;
    case Status::Fail:
    case Status::Waived:
      r["kind"] = "fail";
      r["level"] = level_of(o.severity);
      break;
  }
  r["message"] = {{"text", o.message.empty() ? o.rule->title : o.message}};
  r["locations"] = Json::array({location_of(o)});
  // Stable across runs and line moves, so code-scanning UIs track one alert per finding.
  r["partialFingerprints"] = {
      {"taskguard/v1", fmt::format("{}:{}:{}:{}", o.rule->id, to_uri(file_of(o)), o.origin.resource,
                                   o.location.pointer)}};
  if (o.status == Status::Waived) {
    Json suppression = {
        {"kind", "external"}, {"status", "accepted"}, {"justification", o.waiver_reason}};
    Json properties = Json::object();
    if (!o.waiver_owner.empty()) properties["owner"] = o.waiver_owner;
    if (!o.waiver_expires.empty()) properties["expires"] = o.waiver_expires;
    if (!properties.empty()) suppression["properties"] = properties;
    r["suppressions"] = Json::array({suppression});
  }
  Json properties = {{"status", status_name(o.status)},
                     {"severity", severity_name(o.severity)},
                     {"pointer", o.location.pointer},
                     {"family", o.family.str()},
                     {"container", o.container}};
  if (!o.origin.resource.empty()) properties["resource"] = o.origin.resource;
  if (o.assumed) properties["assumed"] = true;
  r["properties"] = properties;
  return r;
}

Json notification(const std::string& file, std::uint32_t line, std::uint32_t column,
                  const std::string& message, const char* level) {
  Json physical = {{"artifactLocation", {{"uri", to_uri(file)}}}};
  if (line != 0) {
    Json region = {{"startLine", line}};
    if (column != 0) region["startColumn"] = column;
    physical["region"] = region;
  }
  return {{"level", level},
          {"message", {{"text", message}}},
          {"locations", Json::array({{{"physicalLocation", physical}}})}};
}

}  // namespace

void write_sarif(const Report& report, std::ostream& out) {
  Json rules = Json::array();
  std::map<std::string, std::size_t, std::less<>> index_by_id;
  for (const auto& rule : report.rules) {
    if (index_by_id.contains(rule->id)) continue;
    index_by_id[rule->id] = rules.size();
    rules.push_back(rule_descriptor(*rule));
  }
  Json results = Json::array();
  for (const Outcome* o : sorted_for_display(report, true)) {
    auto found = index_by_id.find(o->rule->id);
    if (found == index_by_id.end()) {  // a rule the report was not told about: describe it too
      found = index_by_id.emplace(o->rule->id, rules.size()).first;
      rules.push_back(rule_descriptor(*o->rule));
    }
    results.push_back(result_of(*o, found->second, report));
  }
  Json notifications = Json::array();
  for (const document::InputError& e : report.errors) {
    notifications.push_back(
        notification(e.file, e.pos.line, e.pos.column, e.message, e.fatal ? "error" : "warning"));
  }
  for (const WaiverNotice& n : report.waiver_notices) {
    notifications.push_back(
        notification(n.waiver.declared_in, n.waiver.line, n.waiver.column, n.message, "warning"));
  }
  Json invocation = {{"executionSuccessful", summarize(report).input_errors == 0}};
  if (!notifications.empty()) invocation["toolExecutionNotifications"] = notifications;
  Json driver = {{"name", "TaskGuard"},
                 {"version", report.version},
                 {"semanticVersion", report.version},
                 {"rules", rules}};
  Json run = {{"tool", {{"driver", driver}}},
              {"invocations", Json::array({invocation})},
              {"columnKind", "unicodeCodePoints"},
              {"results", results}};
  Json log = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", Json::array({run})}};
  out << log.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace taskguard::report
