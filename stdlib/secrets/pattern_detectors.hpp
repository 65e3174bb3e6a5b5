#pragma once
// Detectors for credentials with a distinctive format: a fixed prefix (ghp_, AKIA, xoxb-), a
// fixed shape (JWT, PEM block) or a credential in a URL.

#include <optional>
#include <span>
#include <string_view>

#include "stdlib/secrets/detect.hpp"

namespace taskguard::secrets {

std::optional<Detection> detect_by_pattern(std::string_view value);

// For kinds(): the descriptions of the pattern detectors, in the order they run.
std::span<const KindDescription> pattern_kinds();

}  // namespace taskguard::secrets
