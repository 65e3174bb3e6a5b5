#include "cli/report/reporters.hpp"

#include <stdexcept>

namespace taskguard::report {

bool parse_format(std::string_view text, Format& out) {
  if (text == "text")
    out = Format::Text;
  else if (text == "json")
    out = Format::Json;
  else if (text == "sarif")
    out = Format::Sarif;
  else if (text == "junit")
    out = Format::Junit;
  else if (text == "github")
    out = Format::Github;
  else
    return false;
  return true;
}

const char* format_name(Format format) {
  switch (format) {
    case Format::Text:
      return "text";
    case Format::Json:
      return "json";
    case Format::Sarif:
      return "sarif";
    case Format::Junit:
      return "junit";
    case Format::Github:
      return "github";
  }
  return "text";
}

void write_report(const Report& report, Format format, const TextStyle& style, std::ostream& out) {
  switch (format) {
    case Format::Text:
      write_text(report, style, out);
      break;
    case Format::Json:
      write_json(report, out);
      break;
    case Format::Sarif:
      write_sarif(report, out);
      break;
    case Format::Junit:
      write_junit(report, out);
      break;
    case Format::Github:
      write_github(report, out);
      break;
  }
}

std::optional<RenderedPart> StreamingReporter::render(const Report& part) const {
  (void)part;
  return std::nullopt;
}

void StreamingReporter::write_rendered(const RenderedPart& part) {
  (void)part;
  throw std::logic_error("this report format renders no part ahead of its turn");
}

std::unique_ptr<StreamingReporter> streaming_reporter(const Report& header, Format format,
                                                      const TextStyle& style, std::ostream& out) {
  switch (format) {
    case Format::Text:
      return text_streaming_reporter(style, out);
    case Format::Json:
      return json_streaming_reporter(header, out);
    case Format::Github:
      return github_streaming_reporter(out);
    case Format::Sarif:  // rules and results in one document, counts up front
    case Format::Junit:  // suites carry their totals in the opening tag
      return nullptr;
  }
  return nullptr;
}

}  // namespace taskguard::report
