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
};

}  // namespace taskguard::cli
