#pragma once
// Values given for a pack's `param` declarations from the command line (--param name=value) or a
// configuration file. Names are the parameter's declared name (qualified with its package when two
// packages declare the same name: "taskguard.images.allowed_registries").

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace taskguard {

using ParameterValues = std::map<std::string, nlohmann::json, std::less<>>;

}  // namespace taskguard
