#pragma once
// The string builtins (lower, upper, trim, split, join, replace, len ...) as plain functions over
// bytes. They are total: every input, including invalid UTF-8, gives a defined result.
//
// Case mapping is ASCII-only on purpose: the values rules look at (enum spellings, capability
// names, user names, ARNs) are ASCII, and leaving other bytes untouched keeps invalid UTF-8
// intact instead of guessing at it.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace taskguard::text {

std::string lower(std::string_view s);
std::string upper(std::string_view s);
// The same, written to `out`, which holds s.size() bytes (ASCII-only mapping keeps the length):
// for callers that keep results in memory of their own.
void lower_into(std::string_view s, char* out);
void upper_into(std::string_view s, char* out);

// Strips ASCII whitespace (space, \t, \n, \v, \f, \r) from both ends.
std::string_view trim(std::string_view s);

bool starts_with(std::string_view s, std::string_view prefix);
bool ends_with(std::string_view s, std::string_view suffix);
bool contains(std::string_view s, std::string_view needle);

// Number of characters: UTF-8 sequences, with every byte that is not part of a valid sequence
// counted as one character.
std::size_t length(std::string_view s);

// Splits on every occurrence of `separator`; an empty separator splits into characters (as
// counted by length). split("", ",") is [""], as in most languages.
std::vector<std::string_view> split(std::string_view s, std::string_view separator);
// Appends the parts to `parts` instead: a caller splitting many values reuses one vector.
void split_into(std::string_view s, std::string_view separator,
                std::vector<std::string_view>& parts);

// Whether `accept` holds for every part split(s, separator) would give, asked in order until
// one fails; nothing is built. `separator` is not empty.
template <typename Accept>
bool every_part(std::string_view s, std::string_view separator, Accept accept) {
  std::size_t start = 0;
  for (std::size_t at = s.find(separator); at != std::string_view::npos;
       at = s.find(separator, start)) {
    if (!accept(s.substr(start, at - start))) return false;
    start = at + separator.size();
  }
  return accept(s.substr(start));
}

// Splits at every occurrence of any character (UTF-8 sequence) of `separators`, so
// split_any("a:b/c", ":/") is ["a", "b", "c"]. Empty `separators` gives [s].
std::vector<std::string_view> split_any(std::string_view s, std::string_view separators);
void split_any_into(std::string_view s, std::string_view separators,
                    std::vector<std::string_view>& parts);

std::string join(std::span<const std::string_view> parts, std::string_view separator);

// Replaces every non-overlapping occurrence, left to right. An empty `from` leaves `s` unchanged.
std::string replace(std::string_view s, std::string_view from, std::string_view to);

}  // namespace taskguard::text
