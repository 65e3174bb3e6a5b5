#include "cli/commands/source_excerpts.hpp"

#include <map>

namespace taskguard::cli {

std::string mask_value(std::string line, std::uint32_t column) {
  if (column == 0 || column > line.size()) return line;
  std::size_t i = column - 1;
  const char quote = line[i];
  if (quote == '"' || quote == '\'') {
    for (++i; i < line.size() && line[i] != quote; ++i) {
      if (line[i] == '\\' && i + 1 < line.size()) line[i++] = '*';
      line[i] = '*';
    }
    return line;
  }
  // A plain YAML scalar: up to the end of the line or a comment.
  for (; i < line.size(); ++i) {
    if (line[i] == '#' && i > 0 && line[i - 1] == ' ') break;
    if (line[i] != ' ' && line[i] != ',' && line[i] != '}' && line[i] != ']') line[i] = '*';
  }
  return line;
}

void quote_source_lines(const std::vector<Outcome>& outcomes, const std::string& file,
                        std::string_view text, report::SourceLines& lines,
                        std::uint32_t first_line) {
  // line number -> columns to mask on it (an empty list: quote as is)
  std::map<std::uint32_t, std::vector<std::uint32_t>> wanted;
  for (const Outcome& o : outcomes) {
    if (o.location.line == 0 || report::file_of(o) != file) continue;
    auto& masks = wanted[o.location.line];
    if (o.rule != nullptr && o.rule->sensitive) masks.push_back(o.location.column);
  }
  if (wanted.empty()) return;
  auto& into = lines[file];
  std::uint32_t number = first_line;
  std::size_t start = 0;
  auto next = wanted.lower_bound(first_line);
  while (next != wanted.end() && start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (number == next->first) {
      std::string line(text.substr(start, end - start));
      if (!line.empty() && line.back() == '\r') line.pop_back();
      for (std::uint32_t column : next->second)
        line = mask_value(std::move(line), column);
      into[number] = std::move(line);
      ++next;
    }
    if (end == text.size()) break;
    start = end + 1;
    ++number;
  }
}

}  // namespace taskguard::cli
