#pragma once
// Detectors for credentials with a distinctive format: a fixed prefix (ghp_, AKIA, xoxb-), a
// fixed shape (JWT, PEM block) or a credential in a URL.

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "stdlib/secrets/detect.hpp"

namespace taskguard::secrets {

std::optional<Detection> detect_by_pattern(std::string_view value);

// For kinds(): the descriptions of the pattern detectors, in the order they run.
std::span<const KindDescription> pattern_kinds();

// For the test that proves each detector's literals from RE2's own analysis of its pattern.
struct PatternLiterals {
  std::string_view kind;
  std::string_view pattern;
  std::vector<std::string_view> literals;
  char required_byte = '\0';  // a byte every match also contains; '\0': none claimed
};
std::vector<PatternLiterals> pattern_literals();

}  // namespace taskguard::secrets
