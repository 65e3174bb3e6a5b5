#include "stdlib/secrets/detect.hpp"

#include <vector>

#include "stdlib/secrets/pattern_detectors.hpp"
#include "stdlib/secrets/placeholder.hpp"
#include "stdlib/secrets/token_detectors.hpp"

namespace taskguard::secrets {

std::optional<Detection> detect(std::string_view value) {
  // The placeholder test comes last: almost every value holds no secret, and asking it first
  // cost more than the detectors that then found nothing.
  std::optional<Detection> detection = detect_by_pattern(value);
  if (!detection) detection = detect_by_token(value);
  if (detection && is_placeholder(value)) return std::nullopt;
  return detection;
}

std::optional<std::string_view> kind(std::string_view value) {
  if (auto detection = detect(value)) return detection->kind;
  return std::nullopt;
}

std::span<const KindDescription> kinds() {
  static const std::vector<KindDescription> all = [] {
    std::vector<KindDescription> list(pattern_kinds().begin(), pattern_kinds().end());
    list.push_back({"aws-secret-access-key",
                    "an AWS secret access key: a standalone 40-character token of the base64 "
                    "alphabet with entropy >= 4.25 bits and mixed letters and digits",
                    "AWS IAM User Guide, 'Managing access keys'; trufflehog `aws` detector "
                    "(entropy threshold)"});
    list.push_back({"high-entropy",
                    "a random-looking token of 20+ characters (thresholds under 'High entropy' "
                    "below)",
                    "detect-secrets `high_entropy_strings.py`; gitleaks `generic-api-key`"});
    return list;
  }();
  return all;
}

}  // namespace taskguard::secrets
