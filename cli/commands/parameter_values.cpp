#include "cli/commands/parameter_values.hpp"

#include <fmt/core.h>

#include "language/diagnostics/suggestion.hpp"

namespace taskguard::cli {
namespace {

using Kind = program::Constant::Kind;

std::string trimmed(std::string_view s) {
  const auto begin = s.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  const auto end = s.find_last_not_of(" \t");
  return std::string(s.substr(begin, end - begin + 1));
}

nlohmann::json typed_value(const std::string& name, const std::string& text, Kind kind) {
  switch (kind) {
    case Kind::List: {
      if (text.starts_with("[")) {
        auto list = nlohmann::json::parse(text, nullptr, false);
        if (list.is_discarded() || !list.is_array()) {
          throw ParameterError(fmt::format("--param {}: '{}' is not a JSON list", name, text));
        }
        return list;
      }
      nlohmann::json list = nlohmann::json::array();
      if (text.empty()) return list;
      std::size_t start = 0;
      for (;;) {
        const std::size_t comma = text.find(',', start);
        list.push_back(trimmed(std::string_view(text).substr(start, comma - start)));
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
      return list;
    }
    case Kind::Number: {
      auto number = nlohmann::json::parse(text, nullptr, false);
      if (number.is_discarded() || !number.is_number()) {
        throw ParameterError(fmt::format("--param {}: expected a number, not '{}'", name, text));
      }
      return number;
    }
    case Kind::Bool:
      if (text == "true") return true;
      if (text == "false") return false;
      throw ParameterError(fmt::format("--param {}: expected true or false, not '{}'", name, text));
    case Kind::String:
    case Kind::Regex:
      return text;
    case Kind::Null:
    case Kind::Object: {
      auto value = nlohmann::json::parse(text, nullptr, false);
      return value.is_discarded() ? nlohmann::json(text) : value;
    }
  }
  return text;
}

const program::Parameter* find(const program::Program& program, const std::string& name) {
  for (const auto& p : program.parameters()) {
    if (p.name == name || p.package + "." + p.name == name) return &p;
  }
  return nullptr;
}

}  // namespace

std::vector<ParameterValues> resolve_parameters(
    const GivenParameters& given,
    const std::vector<std::shared_ptr<const program::Program>>& programs) {
  std::vector<ParameterValues> result(programs.size());
  auto unknown = [&](const std::string& name) {
    std::vector<std::string> declared;
    for (const auto& program : programs) {
      for (const auto& p : program->parameters())
        declared.push_back(p.name);
    }
    std::string hint = diagnostics::did_you_mean(name, declared);
    return ParameterError(fmt::format("no policy declares a parameter '{}'{}", name,
                                      hint.empty() ? "" : "; " + hint));
  };
  auto assign = [&](const std::string& name, auto&& make_value) {
    bool found = false;
    for (std::size_t i = 0; i < programs.size(); ++i) {
      const program::Parameter* p = find(*programs[i], name);
      if (p == nullptr) continue;
      found = true;
      result[i][name] = make_value(programs[i]->constants()[p->default_value].kind);
    }
    if (!found) throw unknown(name);
  };
  for (const auto& [name, value] : given.values) {
    // An init-capture: clang before 16 cannot capture a structured binding directly.
    assign(name, [&value = value](Kind) { return value; });
  }
  for (const std::string& flag : given.flags) {
    const std::size_t equals = flag.find('=');
    if (equals == std::string::npos || equals == 0) {
      throw ParameterError(fmt::format("--param expects NAME=VALUE, not '{}'", flag));
    }
    const std::string name = flag.substr(0, equals);
    const std::string text = flag.substr(equals + 1);
    assign(name, [&](Kind kind) { return typed_value(name, text, kind); });
  }
  return result;
}

}  // namespace taskguard::cli
