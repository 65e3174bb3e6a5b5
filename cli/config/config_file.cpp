#include "cli/config/config_file.hpp"

#include <fmt/core.h>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>

#include "cli/config/limit_settings.hpp"
#include "interpreter/waivers/waiver_file.hpp"
#include "language/diagnostics/suggestion.hpp"

namespace taskguard::config {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kKeys = {
    "paths",        "policy",   "bundle",  "no-default-pack", "only",    "skip",
    "min-severity", "param",    "fail-on", "unknown",         "format",  "output",
    "jobs",         "no-color", "quiet",   "verbose",         "waivers", "limits"};

class Reader {
 public:
  Reader(std::string name, fs::path base) : name_(std::move(name)), base_(std::move(base)) {}

  [[noreturn]] void fail(const YAML::Mark& mark, const std::string& message) const {
    if (mark.line < 0) throw ConfigError(fmt::format("{}: {}", name_, message));
    throw ConfigError(fmt::format("{}:{}:{}: {}", name_, mark.line + 1, mark.column + 1, message));
  }

  std::string string(const YAML::Node& node, const std::string& key) const {
    if (!node.IsScalar()) fail(node.Mark(), fmt::format("'{}' must be a string", key));
    return node.Scalar();
  }

  std::string choice(const YAML::Node& node, const std::string& key,
                     const std::vector<std::string>& allowed) const {
    std::string value = string(node, key);
    for (const auto& a : allowed) {
      if (a == value) return value;
    }
    std::string list;
    for (const auto& a : allowed)
      list += (list.empty() ? "" : ", ") + a;
    std::string hint = diagnostics::did_you_mean(value, allowed);
    fail(node.Mark(), fmt::format("'{}' cannot be '{}': expected one of {}{}", key, value, list,
                                  hint.empty() ? "" : "; " + hint));
  }

  bool boolean(const YAML::Node& node, const std::string& key) const {
    const std::string value = string(node, key);
    if (value == "true") return true;
    if (value == "false") return false;
    fail(node.Mark(), fmt::format("'{}' must be true or false, not '{}'", key, value));
  }

  // A list of strings, or one string standing for a list of one.
  std::vector<std::string> strings(const YAML::Node& node, const std::string& key) const {
    if (node.IsScalar()) return {node.Scalar()};
    if (!node.IsSequence()) fail(node.Mark(), fmt::format("'{}' must be a list of strings", key));
    std::vector<std::string> result;
    for (const auto& item : node)
      result.push_back(string(item, key));
    return result;
  }

  std::string path(const YAML::Node& node, const std::string& key) const {
    return resolve(string(node, key));
  }

  std::string resolve(const std::string& p) const {
    if (p == "-" || fs::path(p).is_absolute() || base_.empty() || base_ == ".") return p;
    return (base_ / p).lexically_normal().string();
  }

  nlohmann::json json(const YAML::Node& node) const {
    switch (node.Type()) {
      case YAML::NodeType::Sequence: {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& item : node)
          list.push_back(json(item));
        return list;
      }
      case YAML::NodeType::Map: {
        nlohmann::json object = nlohmann::json::object();
        for (const auto& m : node)
          object[m.first.Scalar()] = json(m.second);
        return object;
      }
      case YAML::NodeType::Scalar: {
        // A quoted scalar is a string whatever it looks like ("true", "8080").
        if (node.Tag() == "!") return node.Scalar();
        const std::string& text = node.Scalar();
        if (text == "true") return true;
        if (text == "false") return false;
        if (text == "null" || text == "~") return nullptr;
        try {
          std::size_t used = 0;
          const double number = std::stod(text, &used);
          if (used == text.size()) return number;
        } catch (const std::exception&) {
        }
        return text;
      }
      default:
        return nullptr;
    }
  }

  const std::string& name() const { return name_; }

 private:
  std::string name_;
  fs::path base_;
};

}  // namespace

std::optional<fs::path> find_config_file(const fs::path& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec);
  if (ec) return std::nullopt;
  for (;;) {
    const fs::path candidate = dir / kConfigFileName;
    if (fs::is_regular_file(candidate, ec)) {
      const fs::path relative = fs::relative(candidate, fs::current_path(ec), ec);
      return ec || relative.empty() ? candidate : relative;
    }
    if (!dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
    dir = dir.parent_path();
  }
}

CheckSettings parse_config(const std::string& text, const std::string& name, const fs::path& base) {
  const Reader reader(name, base);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    reader.fail(e.mark, e.msg);
  }
  CheckSettings settings;
  if (root.IsNull()) return settings;
  if (!root.IsMap()) reader.fail(root.Mark(), "a configuration file is a map of settings");
  for (const auto& member : root) {
    const std::string key = member.first.Scalar();
    const YAML::Node& value = member.second;
    if (key == "paths") {
      std::vector<std::string> paths;
      for (const auto& p : reader.strings(value, key))
        paths.push_back(reader.resolve(p));
      settings.paths = paths;
    } else if (key == "policy") {
      std::vector<std::string> policies;
      for (const auto& p : reader.strings(value, key))
        policies.push_back(reader.resolve(p));
      settings.policies = policies;
    } else if (key == "bundle") {
      settings.bundle = reader.path(value, key);
    } else if (key == "no-default-pack") {
      settings.no_default_pack = reader.boolean(value, key);
    } else if (key == "only") {
      settings.only = reader.strings(value, key);
    } else if (key == "skip") {
      settings.skip = reader.strings(value, key);
    } else if (key == "min-severity") {
      settings.min_severity = reader.choice(value, key, {"low", "medium", "high", "critical"});
    } else if (key == "param") {
      if (!value.IsMap()) reader.fail(value.Mark(), "'param' must map parameter names to values");
      for (const auto& p : value)
        settings.params[p.first.Scalar()] = reader.json(p.second);
    } else if (key == "fail-on") {
      settings.fail_on = reader.choice(value, key, {"low", "medium", "high", "critical", "never"});
    } else if (key == "unknown") {
      settings.unknown = reader.choice(value, key, {"fail", "warn", "ignore"});
    } else if (key == "format") {
      settings.format = reader.choice(value, key, {"text", "json", "sarif", "junit", "github"});
    } else if (key == "output") {
      settings.output = reader.path(value, key);
    } else if (key == "jobs") {
      const std::string text = reader.string(value, key);
      if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) {
        reader.fail(value.Mark(), fmt::format("'jobs' must be a whole number, not '{}'", text));
      }
      settings.jobs = static_cast<unsigned>(std::stoul(text));
    } else if (key == "no-color") {
      settings.no_color = reader.boolean(value, key);
    } else if (key == "quiet") {
      settings.quiet = reader.boolean(value, key);
    } else if (key == "verbose") {
      settings.verbose = reader.boolean(value, key);
    } else if (key == "limits") {
      if (!value.IsMap()) reader.fail(value.Mark(), "'limits' must map limit names to values");
      for (const auto& limit : value) {
        const std::string limit_name = reader.string(limit.first, key);
        const std::string limit_value = reader.string(limit.second, limit_name);
        try {
          validate_limit(limit_name, limit_value);
        } catch (const LimitError& e) {
          reader.fail(limit.first.Mark(), e.what());
        }
        settings.limit_flags.push_back(limit_name + "=" + limit_value);
      }
    } else if (key == "waivers") {
      // Either the path of a waiver file or the waivers themselves.
      if (value.IsScalar()) {
        settings.waivers_file = reader.path(value, key);
      } else {
        try {
          settings.waivers = waivers::parse_waiver_list(value, name);
        } catch (const waivers::WaiverError& e) {
          throw ConfigError(e.what());
        }
      }
    } else {
      std::string hint = diagnostics::did_you_mean(key, kKeys);
      reader.fail(member.first.Mark(),
                  fmt::format("unknown setting '{}'{}", key,
                              hint.empty() ? " (see docs/cli.md for the settings)" : "; " + hint));
    }
  }
  return settings;
}

CheckSettings read_config_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ConfigError(file.string() + ": cannot read the configuration file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_config(text.str(), file.string(), file.parent_path());
}

}  // namespace taskguard::config
