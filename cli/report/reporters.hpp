#pragma once
// The report formats. Each is a pure function of a Report writing to a stream.

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "cli/report/report.hpp"

namespace taskguard::report {

enum class Format : unsigned char { Text, Json, Sarif, Junit, Github };
bool parse_format(std::string_view text, Format& out);  // "text" | "json" | ...
const char* format_name(Format format);

struct TextStyle {
  bool color = false;  // ANSI colours (the check command decides: terminal, NO_COLOR, --no-color)
  bool quiet = false;  // the summary line only when something is wrong
};

// Findings grouped by file, each with file:line:col, severity, rule id, message, the source line
// with a caret and the remediation; waiver notices and input errors; a one-line summary.
void write_text(const Report& report, const TextStyle& style, std::ostream& out);

// The stable JSON schema of docs/json-report.md.
void write_json(const Report& report, std::ostream& out);

// SARIF 2.1.0: one reportingDescriptor per rule, one result per listed outcome.
void write_sarif(const Report& report, std::ostream& out);

// JUnit XML: one testsuite per task definition, one testcase per rule.
void write_junit(const Report& report, std::ostream& out);

// GitHub Actions workflow commands (::error file=...,line=...::message).
void write_github(const Report& report, std::ostream& out);

void write_report(const Report& report, Format format, const TextStyle& style, std::ostream& out);

// A part of a streamed report, rendered (StreamingReporter::render).
struct RenderedPart {
  std::string text;
  bool lists_any = false;  // a finding at least: first_file and last_file are set
  std::string first_file;  // of the first finding in `text`
  std::string last_file;   // of the last
  OutcomeCounts counts;    // the part's outcomes, as Report::written counts them
};

// Writes a report part by part while the run goes on, so a long stream never holds all of its
// outcomes: the output is byte for byte what write_report gives for the whole run. Parts must
// come in display order (every outcome of a part sorts after those of the parts before it, see
// sorted_for_display); the caller checks that its inputs allow it.
//
// A part can also be rendered ahead of its turn, on the thread that evaluated it, and written in
// its turn: the outcomes then never reach the writing thread, and the thread that made them
// reuses their memory without waiting for cache lines to come back from the writer's core
// (with `check -j 2`, 4% of the run's CPU time; docs/performance.md).
class StreamingReporter {
 public:
  virtual ~StreamingReporter() = default;
  // The outcomes and source lines of the next part; `part.gate` and `part.verbose` as the run's.
  virtual void write_part(const Report& part) = 0;
  // What write_part(part) would write after any parts before it, made without this writer's own
  // state, so that any thread may call it while the writer goes on. The outcomes' origin.index
  // may count from the part's own first task definition, unless numbers_task_definitions().
  // nullopt for a format whose text depends on the parts before.
  virtual std::optional<RenderedPart> render(const Report& part) const;
  // Writes a part render() made, in the part's turn.
  virtual void write_rendered(const RenderedPart& part);
  // Does the text depend on the outcomes' origin.index? Then render() needs it final: only
  // parts that start their file, whose task definitions are numbered from 0, are rendered ahead.
  virtual bool numbers_task_definitions() const { return false; }
  // Everything after the outcomes. `report` counts the parts' outcomes in `written`.
  virtual void finish(const Report& report) = 0;
};

// Text, JSON and GitHub can be streamed; SARIF and JUnit need the whole run first (nullptr).
std::unique_ptr<StreamingReporter> streaming_reporter(const Report& header, Format format,
                                                      const TextStyle& style, std::ostream& out);
std::unique_ptr<StreamingReporter> text_streaming_reporter(const TextStyle& style,
                                                           std::ostream& out);
std::unique_ptr<StreamingReporter> json_streaming_reporter(const Report& header, std::ostream& out);
std::unique_ptr<StreamingReporter> github_streaming_reporter(std::ostream& out);

}  // namespace taskguard::report
