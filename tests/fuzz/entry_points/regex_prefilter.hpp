#pragma once
// Fuzz entry point: the literal prefilter never changes an answer. The input's first line is a
// pattern, the rest a text; a pattern RE2 accepts must match the text through FilteredRegex
// exactly when RE2 alone says it does. A difference would be a secret or a finding missed.
// Contract: returns the same answer both ways, or the pattern is refused with RE2's reason.

#include <re2/re2.h>

#include <cstdlib>
#include <string_view>

#include "stdlib/text/regex.hpp"
#include "tests/fuzz/entry_points/result.hpp"

namespace taskguard::fuzz {

inline Result regex_prefilter(std::string_view input) {
  const std::size_t newline = input.find('\n');
  const std::string_view pattern = input.substr(0, newline);
  const std::string_view text =
      newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);
  const auto filtered = text::FilteredRegex::compile(pattern);
  if (!filtered->ok()) return {false, text::regex_error(filtered->regex())};
  const bool expected =
      RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), filtered->regex());
  if (filtered->partial_match(text) != expected) std::abort();
  return {true, {}};
}

}  // namespace taskguard::fuzz
