#include "language/diagnostics/render.hpp"

#include <fmt/core.h>
#include <algorithm>

namespace taskguard::diagnostics {
namespace {

struct Style {
  bool on;
  std::string apply(std::string_view code, std::string_view text) const {
    if (!on) return std::string(text);
    return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
  }
};

const char* level_color(Level level) {
  switch (level) {
    case Level::Error:
      return "1;31";
    case Level::Warning:
      return "1;33";
    case Level::Note:
      return "1;36";
  }
  return "1";
}

// Line `number` (1-based) of `text`, without its line break.
std::optional<std::string_view> line_of(std::string_view text, std::uint32_t number) {
  std::size_t start = 0;
  for (std::uint32_t line = 1; line < number; ++line) {
    start = text.find('\n', start);
    if (start == std::string_view::npos) return std::nullopt;
    ++start;
  }
  if (start > text.size()) return std::nullopt;
  std::size_t end = text.find('\n', start);
  if (end == std::string_view::npos) end = text.size();
  std::string_view line = text.substr(start, end - start);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

}  // namespace

const char* level_name(Level level) {
  switch (level) {
    case Level::Error:
      return "error";
    case Level::Warning:
      return "warning";
    case Level::Note:
      return "note";
  }
  return "error";
}

std::string render(const Diagnostic& d, std::optional<std::string_view> source, bool color) {
  const Style style{color};
  const auto& begin = d.range.begin;
  // A problem with a file as a whole (missing, too large) has no place in it.
  const std::string where = begin.line == 0
                                ? fmt::format("{}:", d.file)
                                : fmt::format("{}:{}:{}:", d.file, begin.line, begin.column);
  std::string out = style.apply("1", where);
  out += " " + style.apply(level_color(d.level), level_name(d.level)) + ": ";
  out += style.apply("1", d.message) + "\n";

  const auto line = source && begin.line > 0 ? line_of(*source, begin.line) : std::nullopt;
  const std::string number = std::to_string(begin.line);
  const std::string gutter(number.size() + 2, ' ');
  if (line) {
    out += fmt::format(" {} | {}\n", number, *line);
    // The underline copies tabs from the source line so that it stays aligned with it.
    std::string pad;
    const std::size_t column = std::min<std::size_t>(begin.column - 1, line->size());
    for (std::size_t i = 0; i < column; ++i)
      pad += (*line)[i] == '\t' ? '\t' : ' ';
    std::size_t width = 1;
    if (d.range.end.line == begin.line && d.range.end.column > begin.column) {
      width = d.range.end.column - begin.column;
    } else if (d.range.end.line > begin.line && line->size() > column) {
      width = line->size() - column;  // a multi-line range: underline to the end of the line
    }
    const std::string marks = "^" + std::string(width - 1, '~');
    out += fmt::format("{}| {}{}\n", gutter, pad, style.apply("1;32", marks));
  }
  if (!d.hint.empty()) {
    out += fmt::format("{}= {} {}\n", line ? gutter : std::string(" "), style.apply("1", "hint:"),
                       d.hint);
  }
  return out;
}

std::string render(const Diagnostic& d, const SourceLookup& sources, bool color) {
  return render(d, sources ? sources(d.file) : std::nullopt, color);
}

std::string render_all(const DiagnosticList& list, const SourceLookup& sources, bool color) {
  std::string out;
  for (const Diagnostic& d : list.items())
    out += render(d, sources, color) + "\n";
  return out;
}

}  // namespace taskguard::diagnostics
