#pragma once
// The programs a check runs: the default pack (or a --bundle in its place) and the --policy files
// compiled together. Each is an independent Program; the check evaluates them side by side.

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "language/program/program.hpp"
#include "stdlib/limits/limits.hpp"

namespace taskguard::cli {

struct PolicySources {
  bool default_pack = true;
  std::optional<std::string> bundle;  // replaces the default pack
  std::vector<std::string> policies;  // .tg files or folders, compiled together
  limits::Limits limits;              // policy-source-bytes applies to the .tg files
};

// Returns nullopt after writing every diagnostic (policy compile errors, unreadable bundle,
// duplicate rule ids across programs) to `errors`.
std::optional<std::vector<std::shared_ptr<const program::Program>>> load_programs(
    const PolicySources& sources, bool color, std::ostream& errors);

}  // namespace taskguard::cli
