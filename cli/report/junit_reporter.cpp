// JUnit XML, the lingua franca of CI test reports (Jenkins, GitLab, Azure, GitHub test actions).
// One testsuite per task definition, one testcase per rule: a rule's verdict on a task
// definition reads like a test result, and the rules that passed are visible as passing tests.

#include <fmt/core.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "cli/report/reporters.hpp"

namespace taskguard::report {
namespace {

// XML 1.0 text and attribute escaping; control characters XML cannot carry become U+FFFD.
std::string xml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\n':
        out += "&#10;";
        break;
      case '\r':
        out += "&#13;";
        break;
      case '\t':
        out += "&#9;";
        break;
      default:
        if (c < 0x20)
          out += "\xEF\xBF\xBD";
        else
          out += static_cast<char>(c);
    }
  }
  return out;
}

struct TestCase {
  const RuleMetadata* rule = nullptr;
  std::vector<const Outcome*> outcomes;
};

struct TestSuite {
  std::string name;
  std::string file;
  std::vector<TestCase> cases;  // in rule order of first appearance
};

std::string suite_name(const Outcome& o) {
  std::string name = o.origin.file;
  if (!o.origin.resource.empty())
    name += "#" + o.origin.resource;
  else if (o.origin.line_in_stream != 0)
    name += fmt::format(":{}", o.origin.line_in_stream);
  else if (o.origin.index != 0)
    name += fmt::format("#{}", o.origin.index);
  if (!o.family.empty()) name += " (" + o.family.str() + ")";
  return name;
}

std::string where(const Outcome& o) {
  std::string text = file_of(o);
  if (o.location.line != 0) text += fmt::format(":{}:{}", o.location.line, o.location.column);
  return text;
}

enum class Verdict { Passed, Failed, Errored, Skipped };

Verdict verdict_of(const TestCase& c, const Gate& gate) {
  bool failed = false, errored = false, applicable = false;
  for (const Outcome* o : c.outcomes) {
    if (o->status == Status::Error) errored = true;
    if (o->status == Status::Fail ||
        (o->status == Status::Unknown && gate.unknown == UnknownPolicy::Fail)) {
      failed = true;
    }
    if (o->status == Status::Pass || o->status == Status::Fail) applicable = true;
  }
  if (errored) return Verdict::Errored;
  if (failed) return Verdict::Failed;
  return applicable ? Verdict::Passed : Verdict::Skipped;
}

void write_case(const TestSuite& suite, const TestCase& c, const Gate& gate, std::ostream& out) {
  const RuleMetadata& rule = *c.rule;
  out << fmt::format("    <testcase classname=\"{}\" name=\"{}\" file=\"{}\">\n", xml(suite.name),
                     xml(rule.id + " " + rule.title), xml(suite.file));
  const Verdict verdict = verdict_of(c, gate);
  std::string details;
  std::string first_message;
  std::string skipped_reason;
  for (const Outcome* o : c.outcomes) {
    const std::string& message = o->message.empty() ? rule.title : o->message;
    switch (o->status) {
      case Status::Fail:
      case Status::Error:
      case Status::Unknown:
        if (first_message.empty() && (o->status != Status::Unknown || verdict == Verdict::Failed ||
                                      verdict == Verdict::Skipped)) {
          first_message = message;
        }
        details += fmt::format("{}: {} [{}] {}\n", where(*o), status_name(o->status),
                               severity_name(o->severity), message);
        break;
      case Status::Waived:
        details +=
            fmt::format("{}: waived [{}] {} (owner: {}, expires: {}, reason: {})\n", where(*o),
                        severity_name(o->severity), message, o->waiver_owner,
                        o->waiver_expires.empty() ? "never" : o->waiver_expires, o->waiver_reason);
        if (skipped_reason.empty()) skipped_reason = "waived: " + o->waiver_reason;
        break;
      case Status::NotApplicable:
        if (skipped_reason.empty()) skipped_reason = "not applicable";
        break;
      case Status::Pass:
        break;
    }
  }
  if (!rule.remediation.empty() && (verdict == Verdict::Failed || verdict == Verdict::Errored)) {
    details += "Remediation: " + rule.remediation + "\n";
  }
  switch (verdict) {
    case Verdict::Failed:
      out << fmt::format("      <failure message=\"{}\" type=\"{}\">{}</failure>\n",
                         xml(first_message), severity_name(rule.severity), xml(details));
      break;
    case Verdict::Errored:
      out << fmt::format("      <error message=\"{}\" type=\"error\">{}</error>\n",
                         xml(first_message), xml(details));
      break;
    case Verdict::Skipped: {
      if (!first_message.empty()) skipped_reason = "unknown: " + first_message;
      out << fmt::format("      <skipped message=\"{}\"/>\n", xml(skipped_reason));
      if (!details.empty()) out << fmt::format("      <system-out>{}</system-out>\n", xml(details));
      break;
    }
    case Verdict::Passed:
      if (!details.empty()) out << fmt::format("      <system-out>{}</system-out>\n", xml(details));
      break;
  }
  out << "    </testcase>\n";
}

struct Counts {
  std::size_t tests = 0, failures = 0, errors = 0, skipped = 0;
  void add(Verdict v) {
    ++tests;
    failures += v == Verdict::Failed;
    errors += v == Verdict::Errored;
    skipped += v == Verdict::Skipped;
  }
};

}  // namespace

void write_junit(const Report& report, std::ostream& out) {
  std::vector<TestSuite> suites;
  std::map<std::tuple<std::string, std::size_t, std::size_t>, std::size_t> suite_of;
  for (const Outcome& o : report.outcomes) {
    if (o.rule == nullptr) continue;
    const auto key = std::make_tuple(o.origin.file, o.origin.line_in_stream, o.origin.index);
    auto [it, added] = suite_of.emplace(key, suites.size());
    if (added) suites.push_back({suite_name(o), o.origin.file, {}});
    TestSuite& suite = suites[it->second];
    auto c = std::find_if(suite.cases.begin(), suite.cases.end(),
                          [&](const TestCase& tc) { return tc.rule->id == o.rule->id; });
    if (c == suite.cases.end()) {
      suite.cases.push_back({o.rule.get(), {}});
      c = suite.cases.end() - 1;
    }
    c->outcomes.push_back(&o);
  }
  Counts total;
  std::vector<Counts> per_suite(suites.size());
  for (std::size_t i = 0; i < suites.size(); ++i) {
    for (const TestCase& c : suites[i].cases) {
      const Verdict v = verdict_of(c, report.gate);
      per_suite[i].add(v);
      total.add(v);
    }
  }
  std::vector<const document::InputError*> fatal;
  for (const auto& e : report.errors) {
    if (e.fatal) fatal.push_back(&e);
  }
  total.tests += fatal.size();
  total.errors += fatal.size();

  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << fmt::format(
      "<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">\n",
      xml(report.tool), total.tests, total.failures, total.errors, total.skipped);
  for (std::size_t i = 0; i < suites.size(); ++i) {
    const Counts& n = per_suite[i];
    out << fmt::format(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">\n",
        xml(suites[i].name), n.tests, n.failures, n.errors, n.skipped);
    for (const TestCase& c : suites[i].cases)
      write_case(suites[i], c, report.gate, out);
    out << "  </testsuite>\n";
  }
  if (!fatal.empty()) {
    out << fmt::format(
        "  <testsuite name=\"inputs\" tests=\"{0}\" failures=\"0\" errors=\"{0}\" skipped=\"0\">\n",
        fatal.size());
    for (const auto* e : fatal) {
      std::string at = e->file;
      if (e->pos.known()) at += fmt::format(":{}:{}", e->pos.line, e->pos.column);
      out << fmt::format(
          "    <testcase classname=\"inputs\" name=\"{}\" file=\"{}\">\n      <error "
          "message=\"{}\" "
          "type=\"input\">{}: {}</error>\n    </testcase>\n",
          xml(e->file), xml(e->file), xml(e->message), xml(at), xml(e->message));
    }
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

}  // namespace taskguard::report
