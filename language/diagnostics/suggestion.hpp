#pragma once
// "Did you mean ...?": the candidate closest to a misspelt word, if any is close enough.

#include <string>
#include <string_view>
#include <vector>

namespace taskguard::diagnostics {

// Levenshtein distance (insert, delete, substitute; case-sensitive).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate with the smallest edit distance to `word`, when that distance is small for the
// word's length (a third of it, at least 1, and case differences count once); "" otherwise.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

// "did you mean `x`?" or "" when there is no close candidate.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace taskguard::diagnostics
