#include "cli/config/limit_settings.hpp"

#include <fmt/core.h>

#include <CLI/CLI.hpp>

#include "language/diagnostics/suggestion.hpp"
#include "stdlib/text/regex.hpp"

namespace taskguard::config {
namespace {

// limits::set's message, plus "did you mean" when the name is a near miss.
std::optional<std::string> apply(limits::Limits& limits, std::string_view name,
                                 std::string_view value) {
  std::optional<std::string> problem = limits::set(limits, name, value);
  if (!problem || limits::find(name) != nullptr) return problem;
  const auto names = limits::names();
  const std::string hint =
      diagnostics::did_you_mean(name, std::vector<std::string>(names.begin(), names.end()));
  return hint.empty() ? problem : *problem + "; " + hint;
}

}  // namespace

limits::Limits resolve_limits(const std::vector<std::string>& assignments) {
  limits::Limits result;
  for (const std::string& assignment : assignments) {
    const std::size_t equals = assignment.find('=');
    if (equals == std::string::npos) {
      throw LimitError(fmt::format("--limit takes NAME=VALUE, not '{}'", assignment));
    }
    const std::string_view text = assignment;
    if (auto problem = apply(result, text.substr(0, equals), text.substr(equals + 1))) {
      throw LimitError(*problem);
    }
  }
  return result;
}

void validate_limit(const std::string& name, const std::string& value) {
  limits::Limits scratch;
  if (auto problem = apply(scratch, name, value)) throw LimitError(*problem);
}

void add_limit_option(CLI::App& command, std::vector<std::string>& assignments) {
  command.add_option("--limit", assignments,
                     "Raise or lower a resource limit, NAME=VALUE (repeatable; names and defaults "
                     "in docs/security.md)");
}

void install_process_limits(const limits::Limits& limits) {
  text::set_regex_program_limit(limits.regex_program_bytes);
}

}  // namespace taskguard::config
