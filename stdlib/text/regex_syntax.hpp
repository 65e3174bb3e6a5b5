#pragma once
// Small facts about RE2's pattern syntax, for the code that reads patterns without parsing them
// (regex_alternatives, regex_widening). Each gives up (kNotFollowed) rather than guess.

#include <cstddef>
#include <string_view>

namespace taskguard::text::regex_syntax {

inline constexpr std::size_t kNotFollowed = std::string_view::npos;

// Just past the bracketed class that opens at `open`; kNotFollowed when it does not end. As in
// RE2, a `]` right after `[` or `[^` is a member, and `[:name:]` is a class inside the class.
std::size_t class_end(std::string_view pattern, std::size_t open);

}  // namespace taskguard::text::regex_syntax
