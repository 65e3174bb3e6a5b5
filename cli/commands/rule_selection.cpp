#include "cli/commands/rule_selection.hpp"

#include <fmt/core.h>
#include <fnmatch.h>

#include "language/diagnostics/suggestion.hpp"

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
bool names(const std::string& glob, const RuleMetadata& rule) {
  return matches(glob, rule.id) || matches(glob, rule.name) || any_of(glob, rule.owasp_nhi) ||
         any_of(glob, rule.nist_csf) || any_of(glob, rule.aws);
}

bool any_matches(const std::vector<std::string>& globs, const RuleMetadata& rule) {
  for (const std::string& glob : globs) {
    if (names(glob, rule)) return true;
  }
  return false;
}

std::vector<std::string> matching_none(const std::vector<std::string>& globs,
                                       const std::vector<const RuleMetadata*>& rules) {
  std::vector<std::string> unmatched;
  for (const std::string& glob : globs) {
    bool found = false;
    for (const RuleMetadata* rule : rules)
      found = found || names(glob, *rule);
    if (!found) unmatched.push_back(glob);
  }
  return unmatched;
}

}  // namespace

bool RuleSelection::selects(const RuleMetadata& rule) const {
  if (min_severity && rule.severity < *min_severity) return false;
  if (!only.empty() && !any_matches(only, rule)) return false;
  return !any_matches(skip, rule);
}

RuleSelection::Unmatched RuleSelection::unmatched(
    const std::vector<const RuleMetadata*>& rules) const {
  return {matching_none(only, rules), matching_none(skip, rules)};
}

std::string describe_unmatched(const std::string& flag, const std::string& glob,
                               const std::vector<const RuleMetadata*>& rules) {
  std::vector<std::string> candidates;
  for (const RuleMetadata* rule : rules) {
    candidates.push_back(rule->id);
    candidates.push_back(rule->name);
  }
  const std::string hint = diagnostics::did_you_mean(glob, candidates);
  return fmt::format("{} '{}' matches no rule id, name or mapping{}", flag, glob,
                     hint.empty() ? "" : "; " + hint);
}

}  // namespace taskguard::cli
