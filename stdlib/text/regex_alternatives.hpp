#pragma once
// The top-level alternatives of a regular expression, each as a pattern of its own. RE2's
// literal analysis gives up on some alternations whose every branch it can reduce to literals
// alone: `(?i)(passw(or)?d|passwd|pwd|pass|...)`, factored by RE2's parser into a form with an
// empty branch. Analysing each branch by itself recovers the literals, and a text that holds
// none of any branch's literals matches no branch.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taskguard::text {

// For a pattern of the shape `FLAGS BODY` or `FLAGS (BODY)` / `FLAGS (?:BODY)`, where FLAGS is
// zero or more flag groups such as `(?i)` and the group spans the rest of the pattern: each
// top-level branch of BODY as `FLAGS(?:BRANCH)`, matching what that branch matches in place.
// nullopt for any other shape, for a body without `|`, and for syntax this does not follow
// (`\Q...\E`): the caller then knows nothing more than before, which is always safe.
std::optional<std::vector<std::string>> top_level_alternatives(std::string_view pattern);

}  // namespace taskguard::text
