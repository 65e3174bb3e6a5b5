#pragma once
// Which rules a check runs: --only / --skip globs over rule ids, names and mappings, and
// --min-severity.

#include <optional>
#include <string>
#include <vector>

#include "language/program/rule_metadata.hpp"

namespace taskguard::cli {

struct RuleSelection {
  std::vector<std::string> only;  // empty: every rule
  std::vector<std::string> skip;
  std::optional<Severity> min_severity;

  // A rule runs when some `only` glob matches its id, its name or one of its OWASP NHI, NIST CSF
  // or AWS mappings (or there is no `only`), no `skip` glob does, and its severity is at least
  // `min_severity`.
  bool selects(const RuleMetadata& rule) const;

  // The `only` and `skip` globs that match no rule of `rules`: a misspelt --only would
  // otherwise run nothing and pass.
  struct Unmatched {
    std::vector<std::string> only, skip;
  };
  Unmatched unmatched(const std::vector<const RuleMetadata*>& rules) const;
};

// "--only 'X' matches no rule id, name or mapping", with a did-you-mean over the rules' ids and
// names when one is close: the message for a glob that unmatched() returned.
std::string describe_unmatched(const std::string& flag, const std::string& glob,
                               const std::vector<const RuleMetadata*>& rules);

}  // namespace taskguard::cli
