#pragma once
// The report formats. Each is a pure function of a Report writing to a stream.

#include <ostream>
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

}  // namespace taskguard::report
