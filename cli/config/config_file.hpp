#pragma once
// .taskguard.yaml: the settings of `taskguard check` for a repository (docs/cli.md).

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

#include "cli/config/check_settings.hpp"
#include "cli/config/limit_settings.hpp"

namespace taskguard::config {

inline constexpr const char* kConfigFileName = ".taskguard.yaml";

// A configuration problem; the message starts with file:line:col and, for a misspelt key, ends
// with a suggestion.
struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The nearest .taskguard.yaml in `start` or one of its parents, if any.
std::optional<std::filesystem::path> find_config_file(const std::filesystem::path& start);

// Reads and validates a configuration file. Relative paths in it (paths, policy, bundle, output,
// waivers) are resolved against the file's folder, so the file means the same from anywhere.
CheckSettings read_config_file(const std::filesystem::path& file);

// The same from text (tests); `name` names it in messages, `base` resolves relative paths.
CheckSettings parse_config(const std::string& text, const std::string& name,
                           const std::filesystem::path& base);

}  // namespace taskguard::config
