#include "cli/commands/explain.hpp"

#include <fmt/core.h>
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "cli/app.hpp"
#include "cli/commands/default_pack.hpp"
#include "interpreter/explain/trace.hpp"
#include "interpreter/loaders/load.hpp"
#include "language/diagnostics/render.hpp"
#include "language/frontend/frontend.hpp"

namespace taskguard::cli {
namespace {

// The expression as written, on one line.
std::string source_text(const frontend::SourceSet& sources, const explain::Step& step) {
  const auto text = sources.find(step.file);
  if (!text || step.range.end.offset > text->size() ||
      step.range.end.offset <= step.range.begin.offset) {
    return "?";
  }
  std::string out;
  bool space = false;
  for (char c :
       text->substr(step.range.begin.offset, step.range.end.offset - step.range.begin.offset)) {
    const bool blank = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (blank) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  if (out.size() > 60) out = out.substr(0, 57) + "...";
  return out;
}

void print_binding(const explain::BindingTrace& binding, const frontend::SourceSet& sources,
                   std::ostream& out) {
  out << fmt::format("\n  {} → {}",
                     binding.bindings.empty()
                         ? std::string("(no binding)")
                         : fmt::format("{}", fmt::join(binding.bindings, ", ")),
                     status_name(binding.status));
  if (!binding.pointer.empty()) out << fmt::format(" at {}", binding.pointer);
  out << "\n";
  if (!binding.message.empty() && binding.status != Status::Pass)
    out << fmt::format("    message: {}\n", binding.message);
  for (const auto& step : binding.steps) {
    const std::string where =
        fmt::format("{}:{}:{}", step.file, step.range.begin.line, step.range.begin.column);
    const std::string expr = std::string(2 * step.depth, ' ') + source_text(sources, step);
    std::string line = fmt::format("    {:<28} {:<48} = {}", where, expr, step.value);
    if (!step.read.empty()) line += fmt::format("    [{}]", step.read);
    out << line << "\n";
  }
}

}  // namespace

int run_explain(const ExplainOptions& options, std::ostream& out, std::ostream& errors) {
  std::vector<std::string> policies = options.policies;
  // Without --policy: ./policies when there is one (a checkout of the pack, or a team's own
  // policies), else the pack's sources as this binary carries them, so that any finding of a
  // default `check` can be explained from any directory.
  const bool embedded_pack = policies.empty() && !std::filesystem::is_directory("policies");
  if (policies.empty() && !embedded_pack) policies.push_back("policies");
  diagnostics::DiagnosticList diagnostics;
  frontend::SourceSet sources;
  auto checked = embedded_pack
                     ? frontend::load_sources(default_pack_source_files(), diagnostics, &sources)
                     : frontend::load_policies(policies, diagnostics, &sources);
  if (!checked || diagnostics.has_errors()) {
    errors << diagnostics::render_all(diagnostics, sources.lookup(), isatty(2) != 0);
    return kExitUsage;
  }
  std::size_t rule = checked->rules.size();
  for (std::size_t i = 0; i < checked->metadata.size(); ++i) {
    if (checked->metadata[i].id == options.rule || checked->metadata[i].name == options.rule)
      rule = i;
  }
  if (rule == checked->rules.size()) {
    errors << fmt::format("error: no rule '{}' in {}\n", options.rule,
                          embedded_pack ? "the default pack (give --policy for your own rules)"
                                        : "the policies given");
    return kExitUsage;
  }
  const auto loaded = loaders::load_file(options.file);
  bool fatal = false;
  for (const auto& e : loaded.errors) {
    errors << fmt::format("{}:{}:{}: {}: {}\n", e.file, e.pos.line, e.pos.column,
                          e.fatal ? "error" : "warning", e.message);
    fatal = fatal || e.fatal;
  }
  if (fatal) return kExitUnreadableInput;
  const RuleMetadata& metadata = checked->metadata[rule];
  out << fmt::format("{} {}: {}\n  ({}:{})\n", metadata.id, metadata.name, metadata.title,
                     metadata.file, metadata.line);
  for (const auto& task : loaded.task_definitions) {
    out << fmt::format(
        "\n{} task definition {}{}\n", task.origin.file, task.origin.index,
        task.origin.resource.empty() ? "" : fmt::format(" ({})", task.origin.resource));
    const auto trace = explain::trace_rule(*checked, rule, task);
    for (const auto& binding : trace.bindings)
      print_binding(binding, sources, out);
  }
  return kExitOk;
}

void register_explain(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ExplainOptions>();
  auto* cmd =
      app.add_subcommand("explain", "Show why a rule gives its outcomes on a file, step by step");
  cmd->add_option("rule", options->rule, "Rule id or name")->required();
  cmd->add_option("file", options->file, "Input file (any supported shape)")->required();
  cmd->add_option(
      "--policy", options->policies,
      "Policy files or folders (default: ./policies if present, else the default pack)");
  cmd->callback([options, &exit_code] { exit_code = run_explain(*options, std::cout, std::cerr); });
}

}  // namespace taskguard::cli
