#pragma once
// The PEGTL control class: when a must<> rule fails it raises a SyntaxError whose message comes
// from grammar::error_message<Rule>, with its placeholders filled from the parse state and the
// token actually found appended ("expected `}` to close rule `x` opened at 3:1, found `deny`").

#include <string>
#include <string_view>
#include <tao/pegtl.hpp>

#include "language/grammar/error_messages.hpp"
#include "language/parser/parse_state.hpp"
#include "language/parser/source_position.hpp"
#include "language/parser/syntax_error.hpp"

namespace taskguard::parser {

// The token at `text` (whitespace already skipped), described for a person, and its length.
struct FoundToken {
  std::string description;
  std::size_t length = 0;
};
FoundToken describe_token(std::string_view text);

// Fills the placeholders of an error_message template from what the parser has seen.
std::string fill_placeholders(std::string_view message, const ParseState& state);

// A near keyword for a misspelt word where a clause or declaration keyword was expected.
std::string keyword_hint(std::string_view found_word, bool inside_rule);

template <typename Rule>
struct control : tao::pegtl::normal<Rule> {
  template <typename ParseInput>
  [[noreturn]] static void raise(const ParseInput& in, ParseState& state) {
    static_assert(grammar::error_message<Rule> != nullptr,
                  "every rule used in must<> needs a grammar::error_message");
    const std::string_view rest(in.current(), in.size());
    const FoundToken found = describe_token(rest);
    std::string message = fill_placeholders(grammar::error_message<Rule>, state);
    if (message.rfind("expected", 0) == 0) message += ", found " + found.description;
    const ast::Position begin = to_position(in.position());
    ast::Position end = begin;
    end.column += static_cast<std::uint32_t>(found.length);
    end.offset += static_cast<std::uint32_t>(found.length);
    std::string hint;
    if constexpr (std::is_same_v<Rule, grammar::rule_close> ||
                  std::is_same_v<Rule, grammar::verdict> ||
                  std::is_same_v<Rule, grammar::end_of_file> ||
                  std::is_same_v<Rule, grammar::annotated_declaration>) {
      hint = keyword_hint(rest.substr(0, found.length),
                          !std::is_same_v<Rule, grammar::end_of_file> &&
                              !std::is_same_v<Rule, grammar::annotated_declaration>);
    }
    throw SyntaxError{std::move(message), {begin, end}, std::move(hint)};
  }
};

}  // namespace taskguard::parser
