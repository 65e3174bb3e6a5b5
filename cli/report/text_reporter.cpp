// The text report: compact, one finding per paragraph, in the "file:line:col: what" form every
// editor and terminal can jump to.

#include <fmt/core.h>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

#include "cli/report/reporters.hpp"

namespace taskguard::report {
namespace {

class Painter {
 public:
  explicit Painter(bool color) : color_(color) {}
  std::string operator()(std::string_view code, std::string_view text) const {
    std::string out;
    append(out, code, text);
    return out;
  }
  // The same, appended to `out`: a report writes several painted pieces per finding, and a
  // string for each was most of what a finding cost to write.
  void append(std::string& out, std::string_view code, std::string_view text) const {
    if (color_ && !text.empty()) open(out, code);
    out += text;
    if (color_ && !text.empty()) close(out);
  }
  // Paints what `write` appends to `out` (nothing, as for empty text, when it appends nothing).
  template <typename Write>
  void append_with(std::string& out, std::string_view code, Write write) const {
    if (!color_) {
      write();
      return;
    }
    const std::size_t start = out.size();
    open(out, code);
    const std::size_t text_start = out.size();
    write();
    if (out.size() == text_start) {
      out.resize(start);
    } else {
      close(out);
    }
  }

 private:
  static void open(std::string& out, std::string_view code) {
    out += "\x1b[";
    out += code;
    out += 'm';
  }
  static void close(std::string& out) { out += "\x1b[0m"; }

  bool color_;
};

const char* severity_color(Severity s) {
  switch (s) {
    case Severity::Critical:
      return "1;31";
    case Severity::High:
      return "31";
    case Severity::Medium:
      return "33";
    case Severity::Low:
      return "34";
  }
  return "0";
}

void append_number(std::string& out, std::uint32_t n) {
  char digits[16];
  out.append(digits, std::to_chars(digits, digits + sizeof digits, n).ptr);
}

void append_position(std::string& out, const Outcome& o) {
  out += file_of(o);
  if (o.location.line != 0) {
    out += ':';
    append_number(out, o.location.line);
    if (o.location.column != 0) {
      out += ':';
      append_number(out, o.location.column);
    }
  }
}

// "high", "unknown (high)", "pass", ...
void append_label(std::string& out, const Outcome& o, const Painter& paint) {
  auto qualified = [&](std::string_view code, std::string_view status) {
    paint.append(out, code, status);
    out += " (";
    paint.append(out, severity_color(o.severity), severity_name(o.severity));
    out += ')';
  };
  switch (o.status) {
    case Status::Fail:
      paint.append(out, severity_color(o.severity), severity_name(o.severity));
      return;
    case Status::Unknown:
      return qualified("35", "unknown");
    case Status::Error:
      return qualified("1;31", "error");
    case Status::Waived:
      return qualified("2", "waived");
    case Status::NotApplicable:
      return paint.append(out, "2", "not applicable");
    case Status::Pass:
      return paint.append(out, "32", "pass");
  }
}

// The part of a source line a snippet quotes: all of it when it is short, else a window around
// the column with an ellipsis at each cut end. An NDJSON document is one line of kilobytes;
// quoting it whole for every finding would bury the caret (and cost time per finding).
struct Excerpt {
  std::string text;
  std::size_t caret = 0;  // byte offset of the column in `text`
};

Excerpt excerpt(std::string_view line, std::uint32_t column) {
  constexpr std::size_t kWhole = 240;  // a pretty-printed line with a digest-pinned image fits
  constexpr std::size_t kWidth = 160;
  constexpr std::size_t kBefore = 60;
  const std::size_t at = std::min<std::size_t>(column == 0 ? 0 : column - 1, line.size());
  if (line.size() <= kWhole) return {std::string(line), at};
  auto continuation = [&](std::size_t i) {
    return i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80;
  };
  std::size_t begin = at > kBefore ? at - kBefore : 0;
  if (begin + kWidth > line.size()) begin = line.size() - kWidth;  // near the end: a full window
  while (begin > 0 && continuation(begin))
    --begin;
  std::size_t end = std::min(line.size(), begin + kWidth);
  while (end < line.size() && continuation(end))
    ++end;
  Excerpt e;
  if (begin > 0) e.text = "...";
  e.caret = e.text.size() + (at - begin);
  e.text.append(line.substr(begin, end - begin));
  if (end < line.size()) e.text += "...";
  return e;
}

// The quoted source line and a caret under the column. Tabs before the column are kept so the
// caret lines up whatever the terminal's tab width.
void write_snippet(const Report& report, const Outcome& o, const Painter& paint, std::string& out) {
  if (o.location.line == 0) return;
  const auto file = report.source_lines.find(file_of(o));
  if (file == report.source_lines.end()) return;
  const auto line = file->second.find(o.location.line);
  if (line == file->second.end()) return;
  const Excerpt shown = excerpt(line->second, o.location.column);
  const std::string number = std::to_string(o.location.line);
  const std::string gutter(number.size(), ' ');
  fmt::format_to(std::back_inserter(out), " {} {} {}\n", paint("2", number), paint("2", "|"),
                 shown.text);
  if (o.location.column == 0) return;
  std::string pad(shown.caret, ' ');
  for (std::size_t i = 0; i < shown.caret; ++i) {
    if (shown.text[i] == '\t') pad[i] = '\t';
  }
  fmt::format_to(std::back_inserter(out), " {} {} {}{}\n", gutter, paint("2", "|"), pad,
                 paint("1;32", "^"));
}

void write_outcome(const Report& report, const Outcome& o, const TextStyle& style,
                   const Painter& paint, std::string& out) {
  paint.append_with(out, "1", [&] { append_position(out, o); });
  out += ": ";
  append_label(out, o, paint);
  out += ' ';
  paint.append(out, "1", o.rule->id);
  out += ": ";
  out += o.message.empty() ? o.rule->title : o.message;
  if (o.assumed) out += " (assuming a parameter's default value)";
  out += '\n';
  if (style.quiet) return;
  write_snippet(report, o, paint, out);
  if (o.status == Status::Waived) {
    std::string who = o.waiver_owner.empty() ? "" : " by " + o.waiver_owner;
    std::string until = o.waiver_expires.empty() ? "" : " until " + o.waiver_expires;
    fmt::format_to(std::back_inserter(out), "  = waived{}{}: {}\n", who, until, o.waiver_reason);
  } else if ((o.status == Status::Fail || o.status == Status::Unknown) &&
             !o.rule->remediation.empty()) {
    fmt::format_to(std::back_inserter(out), "  = {}: {}\n", paint("36", "fix"),
                   o.rule->remediation);
  }
}

std::string plural(std::uint64_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

std::string summary_line(const Summary& s, const Painter& paint) {
  std::string failed = fmt::format("{} failed", s.count(Status::Fail));
  if (s.count(Status::Fail) > 0) {
    std::string by;
    for (Severity sev : {Severity::Critical, Severity::High, Severity::Medium, Severity::Low}) {
      if (s.count(sev) == 0) continue;
      by += fmt::format("{}{} {}", by.empty() ? "" : ", ", s.count(sev), severity_name(sev));
    }
    failed = paint("1;31", failed) + " (" + by + ")";
  } else {
    failed = paint("32", failed);
  }
  std::string line = fmt::format("{} in {}, {}: {}", plural(s.task_definitions, "task definition"),
                                 plural(s.files, "file"), plural(s.rules, "rule"), failed);
  auto add = [&](Status status, std::string_view word, bool always) {
    if (always || s.count(status) > 0) line += fmt::format(", {} {}", s.count(status), word);
  };
  add(Status::Unknown, "unknown", false);
  add(Status::Error, s.count(Status::Error) == 1 ? "error" : "errors", false);
  add(Status::Waived, "waived", false);
  add(Status::Pass, "passed", true);
  add(Status::NotApplicable, "not applicable", true);
  if (s.input_errors > 0) line += "; " + paint("1;31", plural(s.input_errors, "unreadable input"));
  if (s.warnings > 0) line += "; " + plural(s.warnings, "warning");
  return line;
}

std::string error_position(const std::string& file, const document::SourcePos& pos) {
  if (!pos.known()) return file;
  return fmt::format("{}:{}:{}", file, pos.line, pos.column);
}

// Findings as parts arrive, then input errors, waiver notices and the summary.
class TextWriter final : public StreamingReporter {
 public:
  TextWriter(const TextStyle& style, std::ostream& out)
      : style_(style), paint_(style.color), out_(out) {}

  // Findings are formatted into one reused buffer and written in large pieces.
  void write_part(const Report& part) override {
    buffer_.clear();
    append_findings(part, any_finding_, previous_file_, buffer_, [&] {
      out_ << buffer_;
      buffer_.clear();
    });
    out_ << buffer_;
  }

  std::optional<RenderedPart> render(const Report& part) const override {
    RenderedPart rendered;
    append_findings(
        part, rendered.lists_any, rendered.last_file, rendered.text, [] {}, &rendered.first_file);
    for (const Outcome& o : part.outcomes)
      rendered.counts.add(o, part.gate);
    return rendered;
  }

  void write_rendered(const RenderedPart& part) override {
    if (!part.lists_any) return;
    if (any_finding_ && previous_file_ != part.first_file && !style_.quiet) out_ << '\n';
    out_ << part.text;
    any_finding_ = true;
    previous_file_ = part.last_file;
  }

  void finish(const Report& report) override {
    bool separated = !any_finding_ || style_.quiet;
    auto separate = [&] {
      if (!separated) out_ << '\n';
      separated = true;
    };
    for (const document::InputError& error : report.errors) {
      separate();
      out_ << fmt::format("{}: {}: {}\n", paint_("1", error_position(error.file, error.pos)),
                          error.fatal ? paint_("1;31", "error") : paint_("33", "warning"),
                          error.message);
    }
    for (const WaiverNotice& notice : report.waiver_notices) {
      separate();
      document::SourcePos pos{notice.waiver.line, notice.waiver.column};
      out_ << fmt::format("{}: {}: {}\n",
                          paint_("1", error_position(notice.waiver.declared_in, pos)),
                          paint_("33", "warning"), notice.message);
    }
    const Summary summary = summarize(report);
    if (style_.quiet && summary.failing == 0 && summary.input_errors == 0) return;
    if (!style_.quiet) out_ << '\n';
    out_ << summary_line(summary, paint_) << '\n';
  }

 private:
  // Appends the part's findings to `out`, a blank line between files unless quiet. `any` and
  // `previous` say whether a finding was written before them and in which file; they are left
  // saying the same after them. `flush` is called whenever `out` passes 64 KiB. `first`, when
  // given, receives the file of the part's first finding.
  template <typename Flush>
  void append_findings(const Report& part, bool& any, std::string& previous, std::string& out,
                       Flush flush, std::string* first = nullptr) const {
    constexpr std::size_t kFlushBytes = 64 * 1024;
    for (const Outcome* o : sorted_for_display(part, true)) {
      const std::string& file = file_of(*o);
      if (first != nullptr && !any) *first = file;
      if (any && previous != file && !style_.quiet) out += '\n';
      if (!any || previous != file) previous = file;
      any = true;
      write_outcome(part, *o, style_, paint_, out);
      if (out.size() >= kFlushBytes) flush();
    }
  }

  TextStyle style_;
  Painter paint_;
  std::ostream& out_;
  bool any_finding_ = false;
  std::string previous_file_;
  std::string buffer_;
};

}  // namespace

std::unique_ptr<StreamingReporter> text_streaming_reporter(const TextStyle& style,
                                                           std::ostream& out) {
  return std::make_unique<TextWriter>(style, out);
}

void write_text(const Report& report, const TextStyle& style, std::ostream& out) {
  TextWriter writer(style, out);
  writer.write_part(report);
  writer.finish(report);
}

}  // namespace taskguard::report
