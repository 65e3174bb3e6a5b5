#include "language/parser/parser.hpp"

#include <tao/pegtl.hpp>

#include "language/grammar/grammar.hpp"
#include "language/parser/actions.hpp"
#include "language/parser/control.hpp"
#include "language/parser/parse_state.hpp"

namespace taskguard::parser {
namespace {

namespace pegtl = tao::pegtl;

bool starts_declaration(std::string_view line) {
  for (std::string_view keyword : {"rule", "fn", "let", "param", "import"}) {
    if (line.substr(0, keyword.size()) == keyword && line.size() > keyword.size() &&
        (line[keyword.size()] == ' ' || line[keyword.size()] == '\t')) {
      return true;
    }
  }
  return !line.empty() && line.front() == '@';
}

// The offset of the first line that begins a declaration at or after `error` (a line that
// starts exactly at the error counts), and past `start`, so that parsing always moves on.
std::size_t resume_offset(std::string_view text, std::size_t error, std::size_t start) {
  std::size_t line_start = text.rfind('\n', error == 0 ? 0 : error - 1);
  line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
  while (line_start < text.size()) {
    std::size_t first = line_start;
    while (first < text.size() && (text[first] == ' ' || text[first] == '\t'))
      ++first;
    if (first >= error && first > start && starts_declaration(text.substr(first))) return first;
    const std::size_t next = text.find('\n', line_start);
    if (next == std::string_view::npos) break;
    line_start = next + 1;
  }
  return text.size();
}

template <typename Grammar>
void parse_from(std::string_view text, ast::Position start, const std::string& file,
                ParseState& state) {
  pegtl::memory_input<> in(text.data() + start.offset, text.data() + text.size(), file,
                           start.offset, start.line, start.column);
  pegtl::parse<Grammar, action, control>(in, state);
}

ast::Position position_at(std::string_view text, std::size_t offset) {
  ast::Position p{1, 1, 0};
  return advance(p, text.substr(0, offset));
}

}  // namespace

std::unique_ptr<ast::Module> parse(std::string_view text, const std::string& file,
                                   diagnostics::DiagnosticList& diagnostics) {
  auto module = std::make_unique<ast::Module>();
  module->file = file;
  ParseState state{*module, diagnostics};
  ast::Position start{1, 1, 0};
  bool first = true;
  while (true) {
    try {
      if (first) {
        parse_from<grammar::file>(text, start, file, state);
      } else {
        parse_from<grammar::resumed_file>(text, start, file, state);
      }
      break;
    } catch (const SyntaxError& error) {
      diagnostics.add({diagnostics::Level::Error, file, error.range, error.message, error.hint});
      state.discard_partial_declaration();
      const std::size_t next =
          resume_offset(text, error.range.begin.offset, first ? 0 : start.offset);
      if (next >= text.size()) break;
      start = position_at(text, next);
      first = false;
    }
  }
  for (auto& [offset, comment] : state.comments)
    module->comments.push_back(std::move(comment));
  return module;
}

}  // namespace taskguard::parser
