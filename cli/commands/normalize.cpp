#include "cli/commands/normalize.hpp"

#include <fmt/core.h>

#include <iostream>
#include <memory>

#include "cli/app.hpp"
#include "cli/config/limit_settings.hpp"
#include "interpreter/document/node_json.hpp"
#include "interpreter/loaders/load.hpp"

namespace taskguard::cli {
namespace {

struct NormalizeOptions {
  std::vector<std::string> paths;
  bool locations = false;
  std::vector<std::string> limits;  // --limit NAME=VALUE
};

void print_error(const document::InputError& e) {
  std::string where = e.file;
  if (e.pos.known()) where += fmt::format(":{}:{}", e.pos.line, e.pos.column);
  std::cerr << fmt::format("{}: {}: {}\n", where, e.fatal ? "error" : "warning", e.message);
}

// {"origin":{...},"taskDefinition":{...}[,"assumed":[pointers]][,"locations":{pointer:"line:col"}]}
std::string line_for(const document::TaskDefinition& td, bool locations) {
  std::string out = "{\"origin\":{\"file\":";
  document::write_json_string(td.origin.file.view(), out);
  out += ",\"shape\":";
  document::write_json_string(td.origin.shape, out);
  out += ",\"resource\":";
  document::write_json_string(td.origin.resource, out);
  out += fmt::format(",\"index\":{}", td.origin.index);
  if (td.origin.line_in_stream != 0) out += fmt::format(",\"line\":{}", td.origin.line_in_stream);
  out += "},\"taskDefinition\":";
  document::write_json(*td.root, out);
  std::string assumed;
  std::string positions;
  document::for_each_node(*td.root, [&](const std::string& pointer, const document::Node& node) {
    if (node.assumed && (node.parent == nullptr || !node.parent->assumed)) {
      if (!assumed.empty()) assumed += ',';
      document::write_json_string(pointer, assumed);
    }
    if (locations && node.pos.known()) {
      if (!positions.empty()) positions += ',';
      document::write_json_string(pointer, positions);
      positions += fmt::format(":\"{}:{}\"", node.pos.line, node.pos.column);
    }
  });
  if (!assumed.empty()) out += ",\"assumed\":[" + assumed + "]";
  if (locations) out += ",\"locations\":{" + positions + "}";
  out += "}\n";
  return out;
}

int run_normalize(const NormalizeOptions& options) {
  limits::Limits limits;
  try {
    limits = config::resolve_limits(options.limits);
  } catch (const config::LimitError& e) {
    std::cerr << "taskguard normalize: " << e.what() << '\n';
    return kExitUsage;
  }
  int exit_code = kExitOk;
  std::vector<document::InputError> errors;
  const std::vector<std::string> files = loaders::expand_inputs(
      options.paths.empty() ? std::vector<std::string>{"-"} : options.paths, errors);
  for (const auto& e : errors) {
    print_error(e);
    if (e.fatal) exit_code = kExitUnreadableInput;
  }
  auto emit = [&](const document::LoadedFile& loaded) {
    for (const auto& e : loaded.errors) {
      print_error(e);
      if (e.fatal) exit_code = kExitUnreadableInput;
    }
    std::string out;
    for (const auto& td : loaded.task_definitions)
      out += line_for(td, options.locations);
    std::cout << out;
  };
  for (const std::string& file : files)
    emit(loaders::load_file(file, limits));
  std::cout.flush();
  return exit_code;
}

}  // namespace

void register_normalize(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<NormalizeOptions>();
  CLI::App* cmd = app.add_subcommand("normalize",
                                     "Print each task definition found in the inputs in the "
                                     "canonical API shape, one JSON line each");
  cmd->add_option("paths", options->paths,
                  "Files or directories to read; - for standard input (the default)");
  cmd->add_flag("--locations", options->locations,
                "Also print the source line:column of every value, keyed by JSON pointer");
  config::add_limit_option(*cmd, options->limits);
  cmd->callback([options, &exit_code] { exit_code = run_normalize(*options); });
}

}  // namespace taskguard::cli
