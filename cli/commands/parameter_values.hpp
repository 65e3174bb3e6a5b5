#pragma once
// Pack parameter values from --param NAME=VALUE and the configuration file's `param:` map, typed
// by the parameter's declared default: a list parameter takes "a,b,c" or a JSON list, a number
// parameter a number, a boolean true or false, a string parameter the text as written.

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "language/program/parameters.hpp"
#include "language/program/program.hpp"

namespace taskguard::cli {

struct ParameterError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct GivenParameters {
  std::vector<std::string> flags;                             // NAME=VALUE, in order (later wins)
  std::map<std::string, nlohmann::json, std::less<>> values;  // already typed (config file)
};

// The values meant for `program`: the names it declares (plain or package-qualified). Throws
// ParameterError for a malformed flag, a value of the wrong type, or a name no program declares
// (with a suggestion).
std::vector<ParameterValues> resolve_parameters(
    const GivenParameters& given,
    const std::vector<std::shared_ptr<const program::Program>>& programs);

}  // namespace taskguard::cli
