#pragma once
// --limit NAME=VALUE and the `limits:` map of .taskguard.yaml → the limits of one run
// (stdlib/limits/limits.hpp lists them; docs/security.md explains each).

#include <stdexcept>
#include <string>
#include <vector>

#include "stdlib/limits/limits.hpp"

namespace CLI {
class App;
}

namespace taskguard::config {

// A misspelt or malformed limit: a usage error. The message names the limit and, for a misspelt
// name, suggests the closest one.
struct LimitError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Applies "NAME=VALUE" assignments in order (the configuration file's first, then the flags'),
// so a later one wins name by name.
limits::Limits resolve_limits(const std::vector<std::string>& assignments);

// The same check for one name and value, as the configuration file gives them; throws LimitError.
void validate_limit(const std::string& name, const std::string& value);

// Registers the repeatable --limit option on a subcommand.
void add_limit_option(CLI::App& command, std::vector<std::string>& assignments);

// Limits that are not passed down a call chain but set for the process: the memory RE2 may spend
// on one pattern. Call once, before any policy or bundle is loaded.
void install_process_limits(const limits::Limits& limits);

}  // namespace taskguard::config
