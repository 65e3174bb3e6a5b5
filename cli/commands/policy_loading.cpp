#include "cli/commands/policy_loading.hpp"

#include <fmt/core.h>

#include <map>

#include "cli/commands/default_pack.hpp"
#include "language/bundle/bundle.hpp"
#include "language/compiler/compile.hpp"
#include "language/diagnostics/render.hpp"
#include "language/frontend/frontend.hpp"

namespace taskguard::cli {
namespace {

std::shared_ptr<const program::Program> compile_policies(const std::vector<std::string>& paths,
                                                         const limits::Limits& limits, bool color,
                                                         std::ostream& errors) {
  diagnostics::DiagnosticList diagnostics;
  frontend::SourceSet sources;
  auto checked = frontend::load_policies(paths, diagnostics, &sources, limits);
  std::shared_ptr<const program::Program> program;
  if (checked && !diagnostics.has_errors()) program = compiler::compile(*checked, diagnostics);
  // Every diagnostic, warnings included, so one run shows all there is to fix.
  if (!diagnostics.items().empty()) {
    errors << diagnostics::render_all(diagnostics, sources.lookup(), color);
  }
  if (diagnostics.has_errors()) return nullptr;
  return program;
}

}  // namespace

std::optional<std::vector<std::shared_ptr<const program::Program>>> load_programs(
    const PolicySources& sources, bool color, std::ostream& errors) {
  std::vector<std::shared_ptr<const program::Program>> programs;
  if (sources.bundle) {
    try {
      programs.push_back(bundle::read_file(*sources.bundle));
    } catch (const std::exception& e) {
      errors << fmt::format("{}: {}\n", *sources.bundle, e.what());
      return std::nullopt;
    }
  } else if (sources.default_pack) {
    try {
      programs.push_back(default_pack());
    } catch (const std::exception& e) {
      errors << fmt::format("the default policy pack cannot be loaded: {}\n", e.what());
      return std::nullopt;
    }
  }
  if (!sources.policies.empty()) {
    auto program = compile_policies(sources.policies, sources.limits, color, errors);
    if (program == nullptr) return std::nullopt;
    programs.push_back(std::move(program));
  }
  // Rule ids name findings in every report and waiver: two rules must never share one.
  std::map<std::string, const RuleMetadata*, std::less<>> seen;
  bool duplicate = false;
  for (const auto& program : programs) {
    for (const auto& rule : program->rules()) {
      auto [it, added] = seen.emplace(rule.metadata->id, rule.metadata.get());
      if (added || it->second == rule.metadata.get()) continue;
      errors << fmt::format("{}:{}: error: rule id {} is already used by {} ({}:{})\n",
                            rule.metadata->file, rule.metadata->line, rule.metadata->id,
                            it->second->name, it->second->file, it->second->line);
      duplicate = true;
    }
  }
  if (duplicate) return std::nullopt;
  return programs;
}

}  // namespace taskguard::cli
