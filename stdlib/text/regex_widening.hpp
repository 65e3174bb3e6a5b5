#pragma once
// A pattern that matches wherever another one does, and is far cheaper to compile. RE2 unrolls a
// counted repetition into that many copies of its operand: the secret detectors' `{90,120}` and
// `{93}` made their combined set cost 4-7 ms to build, more than checking a hundred task
// definitions. As a filter in front of the exact patterns, a wider pattern does the same job: a
// text it rejects, the exact pattern rejects too.

#include <optional>
#include <string>
#include <string_view>

namespace taskguard::text {

// `pattern` with every counted repetition opened up: `x{0,n}` becomes `x*`, and `x{n}`, `x{n,}`
// and `x{n,m}` with n >= 1 become `x+` (a following `?` keeps its meaning). Since each
// replacement matches everything the repetition did, the result matches every text the
// pattern matches, at the same positions and more. nullopt for syntax this does not follow
// (a quoted `\Q...\E` run, an unterminated class or escape): the caller keeps the pattern.
std::optional<std::string> widen_counted_repetitions(std::string_view pattern);

}  // namespace taskguard::text
