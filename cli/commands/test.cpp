#include "cli/commands/test.hpp"

#include <fmt/core.h>
#include <fnmatch.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>

#include "cli/app.hpp"
#include "cli/commands/policy_loading.hpp"
#include "cli/config/limit_settings.hpp"
#include "interpreter/coverage/coverage.hpp"
#include "interpreter/testing/diff.hpp"
#include "interpreter/testing/runner.hpp"
#include "interpreter/testing/test_file.hpp"
#include "language/frontend/frontend.hpp"

namespace taskguard::cli {
namespace {

namespace fs = std::filesystem;
using Programs = std::vector<std::shared_ptr<const program::Program>>;

bool matches(const std::string& pattern, const std::string& text) {
  if (pattern.find_first_of("*?[") == std::string::npos)
    return text.find(pattern) != std::string::npos;
  return fnmatch(pattern.c_str(), text.c_str(), 0) == 0;
}

// Test files named or found under the folders named, sorted within each folder.
std::vector<std::string> discover(const std::vector<std::string>& paths, std::ostream& errors,
                                  bool& ok) {
  std::vector<std::string> files;
  for (const auto& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(path, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file() && testing::is_test_file_name(it->path().string())) {
          found.push_back(it->path().lexically_normal().string());
        }
      }
      std::sort(found.begin(), found.end());
      if (found.empty()) errors << fmt::format("{}: warning: no *.tgtest.yaml files here\n", path);
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(path, ec)) {
      files.push_back(path);
    } else {
      errors << fmt::format("{}: error: no such file or folder\n", path);
      ok = false;
    }
  }
  return files;
}

bool holds_policies(const fs::path& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".tg") return true;
  }
  return false;
}

// The policies a test file tests when none are named: the nearest folder holding .tg files.
PolicySources sources_for(const std::string& test_file, const TestOptions& options) {
  PolicySources sources;
  if (options.bundle || !options.policies.empty()) {
    sources.default_pack = false;
    sources.bundle = options.bundle;
    sources.policies = options.policies;
    return sources;
  }
  for (fs::path dir = fs::absolute(test_file).parent_path(); !dir.empty();
       dir = dir.parent_path()) {
    if (holds_policies(dir)) {
      sources.default_pack = false;
      sources.policies = {fs::relative(dir).string()};
      return sources;
    }
    if (dir == dir.root_path()) break;
  }
  return sources;  // the default pack
}

std::string key_of(const PolicySources& sources) {
  std::string key = sources.bundle.value_or("") + "|" + (sources.default_pack ? "default" : "");
  for (const auto& p : sources.policies)
    key += "|" + p;
  return key;
}

// Keeps the tests the filters select; a test selected through a rule keeps only that rule's
// expectations, so `--filter TG-SEC-001` reports on exactly that rule.
void apply_filters(testing::TestFile& file, const std::vector<std::string>& filters) {
  if (filters.empty()) return;
  std::vector<testing::TestCase> kept;
  for (auto& test : file.tests) {
    bool by_name = false;
    for (const auto& f : filters)
      by_name = by_name || matches(f, test.name);
    if (by_name) {
      kept.push_back(std::move(test));
      continue;
    }
    std::vector<testing::Expectation> expectations;
    for (const auto& e : test.expect) {
      for (const auto& f : filters) {
        if (matches(f, e.rule)) {
          expectations.push_back(e);
          break;
        }
      }
    }
    if (expectations.empty()) continue;
    test.expect = std::move(expectations);
    kept.push_back(std::move(test));
  }
  file.tests = std::move(kept);
}

// Condition coverage traces the rules through their checked source, so it needs the .tg files
// (a bundle or the embedded pack gives rule coverage only).
void add_condition_sources(const PolicySources& sources, coverage::CoverageCollector& collector) {
  if (sources.policies.empty() || sources.bundle) return;
  diagnostics::DiagnosticList diagnostics;
  auto checked = frontend::load_policies(sources.policies, diagnostics);
  if (!checked || diagnostics.has_errors()) return;  // already reported by load_programs
  collector.add_source(std::make_shared<const checker::CheckedProgram>(std::move(*checked)));
}

}  // namespace

int run_tests(const TestOptions& options, std::ostream& out, std::ostream& errors) {
  std::vector<std::string> paths = options.paths;
  if (paths.empty()) {
    if (!fs::is_directory("policies")) {
      errors << "error: no test paths given and no policies/ folder here\n";
      return kExitUsage;
    }
    paths.push_back("policies");
  }
  limits::Limits limits;
  try {
    limits = config::resolve_limits(options.limit_flags);
  } catch (const std::exception& e) {
    errors << "taskguard test: " << e.what() << '\n';
    return kExitUsage;
  }
  config::install_process_limits(limits);
  bool ok = true;
  const auto files = discover(paths, errors, ok);
  if (!ok) return kExitUsage;

  std::map<std::string, Programs> compiled;
  coverage::CoverageCollector coverage_collector;
  std::size_t passed = 0;
  std::size_t failed = 0;
  bool invalid = false;
  for (const auto& path : files) {
    testing::TestFile file;
    try {
      file = testing::read_test_file(path);
    } catch (const testing::TestFileError& e) {
      errors << e.what() << "\n";
      invalid = true;
      continue;
    }
    PolicySources sources = sources_for(path, options);
    sources.limits = limits;
    auto [it, added] = compiled.try_emplace(key_of(sources));
    if (added) {
      auto programs = load_programs(sources, options.color, errors);
      if (!programs) {
        compiled.erase(it);
        invalid = true;
        continue;
      }
      it->second = std::move(*programs);
      for (const auto& program : it->second)
        coverage_collector.add_program(program);
      if (options.coverage) add_condition_sources(sources, coverage_collector);
    }
    const Programs& programs = it->second;
    try {
      testing::check_rule_names(file, programs);
    } catch (const testing::InvalidTest& e) {
      errors << e.what() << "\n";
      invalid = true;
      continue;
    }
    apply_filters(file, options.filters);
    for (const auto& test : file.tests) {
      try {
        const auto result = testing::run_test(test, programs, limits);
        if (options.coverage) coverage_collector.record(test, result);
        if (result.passed()) {
          ++passed;
        } else {
          ++failed;
          out << testing::render_failure(result);
        }
      } catch (const testing::InvalidTest& e) {
        errors << e.what() << "\n";
        invalid = true;
      }
    }
  }
  if (options.coverage) {
    const auto report = coverage_collector.report();
    out << (options.coverage_format == "json" ? coverage::render_json(report) + "\n"
                                              : coverage::render_text(report));
  }
  out << fmt::format("{} passed, {} failed\n", passed, failed);
  if (invalid) return kExitUsage;
  return failed == 0 ? kExitOk : kExitFindings;
}

void register_test(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<TestOptions>();
  auto* cmd = app.add_subcommand(
      "test", "Run policy tests (*.tgtest.yaml) and report failing expectations");
  cmd->add_option("paths", options->paths, "Test files or folders (default: policies/)");
  cmd->add_option("--policy", options->policies,
                  "Policy files or folders under test (default: the .tg files beside the tests)");
  cmd->add_option("--bundle", options->bundle, "Test a compiled bundle (.tgb)");
  cmd->add_option("--filter", options->filters,
                  "Only tests whose name, or rule id/name, matches (glob or substring)");
  cmd->add_flag("--coverage", options->coverage,
                "Report which rules and conditions the tests exercised");
  cmd->add_option("--coverage-format", options->coverage_format,
                  "Coverage report format: text or json (implies --coverage)")
      ->check(CLI::IsMember({"text", "json"}));
  config::add_limit_option(*cmd, options->limit_flags);
  cmd->callback([options, cmd, &exit_code] {
    if (cmd->count("--coverage-format") > 0) options->coverage = true;
    options->color = isatty(1) != 0;
    exit_code = run_tests(*options, std::cout, std::cerr);
  });
}

}  // namespace taskguard::cli
