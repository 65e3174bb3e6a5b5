#include "cli/commands/rule_selection.hpp"

#include <fnmatch.h>

namespace taskguard::cli {
namespace {

bool any_matches(const std::vector<std::string>& globs, const RuleMetadata& rule) {
  for (const std::string& glob : globs) {
    if (fnmatch(glob.c_str(), rule.id.c_str(), 0) == 0 ||
        fnmatch(glob.c_str(), rule.name.c_str(), 0) == 0) {
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
