#pragma once
// Source positions as the AST records them, computed from what PEGTL matched.

#include <string_view>
#include <tao/pegtl/position.hpp>

#include "language/ast/ast.hpp"

namespace taskguard::parser {

inline ast::Position to_position(const tao::pegtl::position& p) {
  return {static_cast<std::uint32_t>(p.line), static_cast<std::uint32_t>(p.column),
          static_cast<std::uint32_t>(p.byte)};
}

// The position just past `text`, which starts at `from`.
inline ast::Position advance(ast::Position from, std::string_view text) {
  for (char c : text) {
    ++from.offset;
    if (c == '\n') {
      ++from.line;
      from.column = 1;
    } else {
      ++from.column;
    }
  }
  return from;
}

// The range covered by a matched rule (PEGTL's action input).
template <typename ActionInput>
ast::SourceRange range_of(const ActionInput& in) {
  const ast::Position begin = to_position(in.position());
  return {begin, advance(begin, in.string_view())};
}

}  // namespace taskguard::parser
