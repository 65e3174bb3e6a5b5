// GitHub Actions workflow commands: each finding becomes an annotation on the pull request's diff.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions

#include <fmt/core.h>

#include "cli/report/reporters.hpp"

namespace taskguard::report {
namespace {

// The message part of a command: only %, CR and LF are special.
std::string escape_data(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// A property value: also ':' and ',' which separate properties.
std::string escape_property(std::string_view text) {
  std::string out;
  for (char c : escape_data(text)) {
    switch (c) {
      case ':':
        out += "%3A";
        break;
      case ',':
        out += "%2C";
        break;
      default:
        out += c;
    }
  }
  return out;
}

const char* command_for(const Outcome& o, const Gate& gate) {
  if (o.status == Status::Unknown) return is_failing(o, gate) ? "error" : "warning";
  if (o.status == Status::Error) return "error";
  switch (o.severity) {
    case Severity::Critical:
    case Severity::High:
      return "error";
    case Severity::Medium:
      return "warning";
    case Severity::Low:
      return "notice";
  }
  return "warning";
}

std::string properties(const std::string& file, std::uint32_t line, std::uint32_t column,
                       const std::string& title) {
  std::string text = "file=" + escape_property(file);
  if (line != 0) {
    text += fmt::format(",line={}", line);
    if (column != 0) text += fmt::format(",col={}", column);
  }
  if (!title.empty()) text += ",title=" + escape_property(title);
  return text;
}

void write_annotations(const Report& report, std::ostream& out) {
  for (const Outcome* o : sorted_for_display(report, true)) {
    if (o->status == Status::Pass || o->status == Status::NotApplicable) continue;
    const std::string& message = o->message.empty() ? o->rule->title : o->message;
    if (o->status == Status::Waived) continue;  // accepted risks do not belong on the diff
    std::string title = fmt::format("{} {}", o->rule->id, o->rule->title);
    if (o->status == Status::Unknown) title += " (unknown)";
    std::string body = fmt::format("[{}] {}", severity_name(o->severity), message);
    if (!o->rule->remediation.empty()) body += "\nFix: " + o->rule->remediation;
    out << fmt::format("::{} {}::{}\n", command_for(*o, report.gate),
                       properties(file_of(*o), o->location.line, o->location.column, title),
                       escape_data(body));
  }
}

// Input errors, waiver notices and the summary line, after every annotation.
void write_closing(const Report& report, std::ostream& out) {
  for (const document::InputError& e : report.errors) {
    out << fmt::format("::{} {}::{}\n", e.fatal ? "error" : "warning",
                       properties(e.file, e.pos.line, e.pos.column, "TaskGuard input"),
                       escape_data(e.message));
  }
  for (const WaiverNotice& n : report.waiver_notices) {
    out << fmt::format(
        "::warning {}::{}\n",
        properties(n.waiver.declared_in, n.waiver.line, n.waiver.column,
                   std::string("TaskGuard waiver ") + waiver_notice_kind_name(n.kind)),
        escape_data(n.message));
  }
  const Summary s = summarize(report);
  out << fmt::format(
      "TaskGuard: {} failed, {} unknown, {} waived, {} passed in {} task definitions\n",
      s.count(Status::Fail), s.count(Status::Unknown), s.count(Status::Waived),
      s.count(Status::Pass), s.task_definitions);
}

class GithubWriter final : public StreamingReporter {
 public:
  explicit GithubWriter(std::ostream& out) : out_(out) {}
  void write_part(const Report& part) override { write_annotations(part, out_); }
  void finish(const Report& report) override { write_closing(report, out_); }

 private:
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<StreamingReporter> github_streaming_reporter(std::ostream& out) {
  return std::make_unique<GithubWriter>(out);
}

void write_github(const Report& report, std::ostream& out) {
  write_annotations(report, out);
  write_closing(report, out);
}

}  // namespace taskguard::report
