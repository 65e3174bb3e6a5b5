#pragma once
// Every setting of `taskguard check`, as given on the command line or in .taskguard.yaml. Unset
// values are empty optionals, so the two sources merge key by key: a flag overrides the file.

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "interpreter/waivers/waiver.hpp"

namespace taskguard::config {

struct CheckSettings {
  std::optional<std::vector<std::string>> paths;
  std::optional<std::vector<std::string>> policies;  // --policy: .tg files or folders
  std::optional<std::string> bundle;                 // --bundle: a compiled .tgb
  std::optional<bool> no_default_pack;
  std::optional<std::vector<std::string>> only;  // rule id or name globs
  std::optional<std::vector<std::string>> skip;
  std::optional<std::string> min_severity;
  // --param NAME=VALUE as written: the value is read once the parameter's type is known.
  std::vector<std::string> param_flags;
  // `param:` in the configuration file: name -> value, already typed by YAML.
  std::map<std::string, nlohmann::json, std::less<>> params;
  // --limit NAME=VALUE, after the configuration file's `limits:` (same form): the later wins.
  std::vector<std::string> limit_flags;
  std::optional<std::string> fail_on;  // low | medium | high | critical | never
  std::optional<std::string> unknown;  // fail | warn | ignore
  std::optional<std::string> format;   // text | json | sarif | junit | github
  std::optional<std::string> output;
  std::optional<unsigned> jobs;
  std::optional<bool> no_color;
  std::optional<bool> quiet;
  std::optional<bool> verbose;
  std::optional<std::string> waivers_file;
  std::vector<Waiver> waivers;  // written directly in the configuration file
};

// `flags` wins wherever it has a value; parameters merge by name; waivers add up.
CheckSettings merge(const CheckSettings& file, const CheckSettings& flags);

}  // namespace taskguard::config
