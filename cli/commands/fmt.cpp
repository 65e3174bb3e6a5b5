#include "cli/commands/fmt.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>

#include "cli/app.hpp"
#include "language/diagnostics/render.hpp"
#include "language/format/formatter.hpp"
#include "language/frontend/frontend.hpp"

namespace taskguard::cli {
namespace {

struct FmtOptions {
  bool check = false;
  std::vector<std::string> paths;
};

std::optional<std::string> read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Formats one text; returns its exit code contribution.
int format_one(const std::string& file, const std::string& text, const FmtOptions& options,
               bool to_stdout) {
  diagnostics::DiagnosticList diagnostics;
  const auto formatted = format::format_source(text, file, diagnostics);
  if (!formatted) {
    frontend::SourceSet sources;
    sources.add(file, text);
    std::cerr << diagnostics::render_all(diagnostics, sources.lookup(), isatty(2) != 0);
    return kExitUsage;
  }
  if (to_stdout && !options.check) {
    std::cout << *formatted;
    return kExitOk;
  }
  if (*formatted == text) return kExitOk;
  if (options.check) {
    std::cout << "would reformat " << file << "\n";
    return kExitFindings;
  }
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << *formatted;
  if (!out) {
    std::cerr << fmt::format("{}: cannot write the formatted file\n", file);
    return kExitUsage;
  }
  std::cout << "formatted " << file << "\n";
  return kExitOk;
}

int run_fmt(const FmtOptions& options) {
  int exit_code = kExitOk;
  auto merge = [&](int code) { exit_code = std::max(exit_code, code); };
  std::vector<std::string> paths;
  for (const std::string& path :
       options.paths.empty() ? std::vector<std::string>{"."} : options.paths) {
    if (path == "-") {
      std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
      merge(format_one("<stdin>", text, options, true));
    } else {
      paths.push_back(path);
    }
  }
  diagnostics::DiagnosticList missing;
  for (const std::string& file : frontend::policy_files(paths, missing)) {
    const auto text = read_text(file);
    if (!text) {
      std::cerr << fmt::format("{}: cannot read this file\n", file);
      merge(kExitUsage);
      continue;
    }
    merge(format_one(file, *text, options, false));
  }
  for (const auto& d : missing.items()) {
    std::cerr << fmt::format("{}: {}\n", d.file, d.message);
    merge(kExitUsage);
  }
  return exit_code;
}

}  // namespace

void register_fmt(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<FmtOptions>();
  CLI::App* command = app.add_subcommand(
      "fmt", "Rewrite policy files (.tg) in the canonical layout, comments kept");
  command->add_flag("--check", options->check,
                    "Change nothing; list the files that would change and exit 1 if any");
  command->add_option("paths", options->paths,
                      "Policy files or folders (searched recursively for .tg files); `-` reads "
                      "stdin and writes stdout; default: the current folder");
  command->callback([options, &exit_code] { exit_code = run_fmt(*options); });
}

}  // namespace taskguard::cli
