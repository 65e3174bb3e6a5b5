#pragma once
// YAML values in test files (parameter values) as the JSON values parameters are typed with.

#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

namespace taskguard::testing {

// Plain scalars follow the YAML core schema (null, true/false, numbers); quoted scalars are
// always strings, so `"1.0"` stays text.
nlohmann::json yaml_to_json(const YAML::Node& node);

}  // namespace taskguard::testing
