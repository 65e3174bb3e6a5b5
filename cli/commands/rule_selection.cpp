#include "cli/commands/rule_selection.hpp"

#include <fnmatch.h>

namespace taskguard::cli {
namespace {

bool matches(const std::string& glob, const std::string& text) {
  return fnmatch(glob.c_str(), text.c_str(), 0) == 0;
}

bool any_of(const std::string& glob, const std::vector<std::string>& texts) {
  for (const std::string& text : texts) {
    if (matches(glob, text)) return true;
  }
  return false;
}

// A rule is named by its id, its name, or any risk or control it maps to (`NHI2`, `PR.AA-*`,
// `ECS.4`): "every rule about secret leakage" is a selection teams make.
bool any_matches(const std::vector<std::string>& globs, const RuleMetadata& rule) {
  for (const std::string& glob : globs) {
    if (matches(glob, rule.id) || matches(glob, rule.name) || any_of(glob, rule.owasp_nhi) ||
        any_of(glob, rule.nist_csf) || any_of(glob, rule.aws)) {
      return true;
    }
  }
  return false;
}

}  // namespace

bool RuleSelection::selects(const RuleMetadata& rule) const {
  if (min_severity && rule.severity < *min_severity) return false;
  if (!only.empty() && !any_matches(only, rule)) return false;
  return !any_matches(skip, rule);
}

}  // namespace taskguard::cli
