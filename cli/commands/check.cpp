#include "cli/commands/check.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <optional>
#include <thread>

#include "cli/app.hpp"
#include "cli/commands/input_pipeline.hpp"
#include "cli/commands/ordered_workers.hpp"
#include "cli/commands/parameter_values.hpp"
#include "cli/commands/policy_loading.hpp"
#include "cli/commands/rule_selection.hpp"
#include "cli/commands/source_excerpts.hpp"
#include "cli/config/config_file.hpp"
#include "cli/process/output_buffering.hpp"
#include "cli/report/reporters.hpp"
#include "interpreter/driver/evaluate.hpp"
#include "interpreter/loaders/load.hpp"
#include "interpreter/waivers/waiver_book.hpp"
#include "interpreter/waivers/waiver_file.hpp"
#include "taskguard/version.hpp"

namespace taskguard::cli {
namespace {

struct CheckFlags {
  config::CheckSettings settings;
  std::optional<std::string> config_file;
  // CLI11 fills plain values; whether a flag was given decides if it overrides the file.
  std::vector<std::string> paths, policies, only, skip;
  std::string bundle, min_severity, fail_on, unknown, format, output, waivers;
  unsigned jobs = 0;
  bool no_default_pack = false, no_color = false, quiet = false, verbose = false;
};

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

Severity severity_or_throw(const std::string& text, const char* flag) {
  Severity s{};
  if (!parse_severity(text, s)) {
    throw UsageError(fmt::format("{} must be low, medium, high or critical, not '{}'", flag, text));
  }
  return s;
}

// Every setting in force: the configuration file's, overridden by the flags given.
config::CheckSettings effective_settings(CLI::App& command, const CheckFlags& flags) {
  config::CheckSettings given;
  auto set = [&](const char* name, auto& target, const auto& value) {
    if (command.count(name) > 0) target = value;
  };
  set("paths", given.paths, flags.paths);
  set("--policy", given.policies, flags.policies);
  set("--bundle", given.bundle, flags.bundle);
  set("--no-default-pack", given.no_default_pack, flags.no_default_pack);
  set("--only", given.only, flags.only);
  set("--skip", given.skip, flags.skip);
  set("--min-severity", given.min_severity, flags.min_severity);
  given.param_flags = flags.settings.param_flags;
  given.limit_flags = flags.settings.limit_flags;
  set("--fail-on", given.fail_on, flags.fail_on);
  set("--unknown", given.unknown, flags.unknown);
  set("--format", given.format, flags.format);
  set("--output", given.output, flags.output);
  set("--jobs", given.jobs, flags.jobs);
  set("--no-color", given.no_color, flags.no_color);
  set("--quiet", given.quiet, flags.quiet);
  set("--verbose", given.verbose, flags.verbose);
  set("--waivers", given.waivers_file, flags.waivers);

  std::optional<std::filesystem::path> file;
  if (flags.config_file) {
    file = *flags.config_file;
  } else {
    file = config::find_config_file(std::filesystem::current_path());
  }
  if (!file) return given;
  return config::merge(config::read_config_file(*file), given);
}

// Shows how far a long run got, on a terminal only, so logs and pipes stay clean.
class Progress {
 public:
  Progress(bool enabled, std::size_t total) : enabled_(enabled), total_(total) {}
  void file_done() {
    ++done_;
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - start_ < std::chrono::seconds(1) || now - last_ < std::chrono::milliseconds(200)) {
      return;
    }
    last_ = now;
    shown_ = true;
    std::cerr << fmt::format("\rchecked {}/{} files", done_, total_) << std::flush;
  }
  ~Progress() {
    if (shown_) std::cerr << "\r\x1b[K" << std::flush;
  }

 private:
  bool enabled_;
  std::size_t total_;
  std::size_t done_ = 0;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_ = start_;
};

bool wants_listing(const Outcome& o, const report::Report& r) {
  return report::is_listed(o, r);
}

// Reports list findings by file name, so one written part after another only gives the same
// report when the files come in that order already: each name after the one before (a file
// named twice, or folders whose walk order differs from name order, are reported at the end).
bool listed_in_input_order(const std::vector<std::string>& files) {
  return std::adjacent_find(files.begin(), files.end(), std::greater_equal<>()) == files.end();
}

int run_check(CLI::App& command, const CheckFlags& flags) {
  const bool stderr_color = isatty(2) != 0 && std::getenv("NO_COLOR") == nullptr;
  config::CheckSettings settings;
  try {
    settings = effective_settings(command, flags);
  } catch (const std::exception& e) {
    std::cerr << "taskguard check: " << e.what() << '\n';
    return kExitUsage;
  }

  report::Report report;
  report.version = kVersion;
  report::Format format = report::Format::Text;
  RuleSelection selection;
  std::vector<Waiver> waivers = settings.waivers;
  limits::Limits limits;
  try {
    if (settings.format && !report::parse_format(*settings.format, format)) {
      throw UsageError(fmt::format("--format must be text, json, sarif, junit or github, not '{}'",
                                   *settings.format));
    }
    if (settings.fail_on) {
      report.gate.fail_on = *settings.fail_on == "never"
                                ? std::nullopt
                                : std::optional(severity_or_throw(*settings.fail_on, "--fail-on"));
    }
    if (settings.unknown && !report::parse_unknown_policy(*settings.unknown, report.gate.unknown)) {
      throw UsageError(
          fmt::format("--unknown must be fail, warn or ignore, not '{}'", *settings.unknown));
    }
    if (settings.min_severity) {
      selection.min_severity = severity_or_throw(*settings.min_severity, "--min-severity");
    }
    selection.only = settings.only.value_or(std::vector<std::string>{});
    selection.skip = settings.skip.value_or(std::vector<std::string>{});
    if (!settings.paths || settings.paths->empty()) {
      throw UsageError("give the files or folders to check (or - for standard input)");
    }
    if (settings.waivers_file) {
      auto from_file = waivers::read_waiver_file(*settings.waivers_file);
      waivers.insert(waivers.end(), from_file.begin(), from_file.end());
    }
    limits = config::resolve_limits(settings.limit_flags);
  } catch (const std::exception& e) {
    std::cerr << "taskguard check: " << e.what() << '\n';
    return kExitUsage;
  }
  report.verbose = settings.verbose.value_or(false);
  const bool quiet = settings.quiet.value_or(false);

  PolicySources policy_sources;
  policy_sources.default_pack = !settings.no_default_pack.value_or(false);
  policy_sources.bundle = settings.bundle;
  policy_sources.policies = settings.policies.value_or(std::vector<std::string>{});
  policy_sources.limits = limits;
  config::install_process_limits(limits);
  auto programs = load_programs(policy_sources, stderr_color, std::cerr);
  if (!programs) return kExitUsage;
  if (programs->empty()) {
    std::cerr << "taskguard check: no rules to run: --no-default-pack needs --policy or --bundle\n";
    return kExitUsage;
  }

  // Passes and not-applicable outcomes are only kept when a report shows them one by one.
  const bool list_every_outcome =
      report.verbose || format == report::Format::Json || format == report::Format::Junit;
  std::vector<std::unique_ptr<driver::Evaluator>> evaluators;  // one per program
  try {
    auto parameters = resolve_parameters({settings.param_flags, settings.params}, *programs);
    for (std::size_t i = 0; i < programs->size(); ++i) {
      driver::EvaluationOptions options;
      options.rule_filter = [selection](const RuleMetadata& rule) {
        return selection.selects(rule);
      };
      options.parameters = parameters[i];
      options.list_every_outcome = list_every_outcome;
      // Only the JSON and SARIF reports print a finding's JSON pointer.
      options.record_pointers = format == report::Format::Json || format == report::Format::Sarif;
      options.step_budget = limits.vm_steps;
      evaluators.push_back(std::make_unique<driver::Evaluator>((*programs)[i], options));
      for (const auto& rule : (*programs)[i]->rules()) {
        if (selection.selects(*rule.metadata)) report.rules.push_back(rule.metadata);
      }
    }
    std::vector<const RuleMetadata*> every_rule;
    for (const auto& program : *programs) {
      for (const auto& rule : program->rules())
        every_rule.push_back(rule.metadata.get());
    }
    const RuleSelection::Unmatched unmatched = selection.unmatched(every_rule);
    if (!unmatched.only.empty()) {
      for (const std::string& glob : unmatched.only)
        std::cerr << "taskguard check: " << describe_unmatched("--only", glob, every_rule) << '\n';
      return kExitUsage;
    }
    for (const std::string& glob : unmatched.skip) {
      std::cerr << "taskguard check: warning: " << describe_unmatched("--skip", glob, every_rule)
                << '\n';
    }
  } catch (const std::exception& e) {
    std::cerr << "taskguard check: " << e.what() << '\n';
    return kExitUsage;
  }

  waivers::WaiverBook book(std::move(waivers), waivers::today_utc());

  // Inputs: every file is checked even when another cannot be read (exit code 3 then).
  const std::vector<std::string> files = loaders::expand_inputs(*settings.paths, report.errors);

  report::TextStyle style;
  style.quiet = quiet;
  const bool to_file = settings.output.has_value() && *settings.output != "-";
  style.color = !to_file && isatty(1) != 0 && std::getenv("NO_COLOR") == nullptr &&
                !settings.no_color.value_or(false);
  std::ofstream file_out;
  if (to_file) {
    file_out.open(*settings.output, std::ios::binary | std::ios::trunc);
    if (!file_out) {
      std::cerr << fmt::format("taskguard check: cannot write {}\n", *settings.output);
      return kExitUsage;
    }
  }
  std::ostream& destination = to_file ? file_out : std::cout;
  const bool reads_standard_input = std::find(files.begin(), files.end(), "-") != files.end();
  std::optional<BlockOutput> block;
  std::optional<std::ostream> block_stream;
  if (to_file ? !reads_standard_input : wants_block_output(1, reads_standard_input)) {
    block.emplace(destination.rdbuf());
    block_stream.emplace(&*block);
  }
  std::ostream& out = block_stream ? *block_stream : destination;
  // A long run writes its findings as it goes and forgets them, when the format allows it and
  // the inputs come in the order the report lists them.
  std::unique_ptr<report::StreamingReporter> streaming;
  if (listed_in_input_order(files))
    streaming = report::streaming_reporter(report, format, style, out);
  const bool quote_sources = format == report::Format::Text && !quiet;

  PipelineOptions pipeline;
  pipeline.limits = limits;
  unsigned threads = settings.jobs.value_or(0);
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  for (const auto& evaluator : evaluators)
    evaluator->prepare_workers(threads);
  Progress progress(isatty(2) != 0 && !quiet, files.size());
  // What a worker hands to the report: an input part and its outcomes, program after program,
  // and the part's findings rendered by the worker, when the report format can.
  struct Checked {
    InputPart part;
    std::vector<Outcome> outcomes;
    std::optional<report::RenderedPart> rendered;
  };
  // A part is rendered on the thread that evaluated it, so that its outcomes never cross to the
  // thread writing the report, as long as no waiver can change them: the rendering is only
  // used while the waiver book is still empty (an inline waiver may turn up in any part), and
  // no longer made once it is not. With one thread there is no other core to spare the
  // outcomes, only a copy of the text to save.
  std::atomic<bool> render_ahead = streaming != nullptr && book.size() == 0 && threads > 1;
  auto render = [&](Checked& checked) {
    report::Report listing;
    listing.gate = report.gate;
    listing.verbose = report.verbose;
    listing.outcomes = std::move(checked.outcomes);
    const InputPart& part = checked.part;
    if (quote_sources && part.loaded.text) {
      quote_source_lines(listing.outcomes, part.loaded.file, *part.loaded.text,
                         listing.source_lines, part.first_line);
    }
    checked.rendered = streaming->render(listing);
    checked.outcomes = std::move(listing.outcomes);
  };
  auto check_part = [&](unsigned worker, InputJob&& job) {
    Checked checked{load_input(std::move(job), limits), {}, std::nullopt};
    for (const auto& evaluator : evaluators) {
      for (const document::TaskDefinition& td : checked.part.loaded.task_definitions)
        evaluator->evaluate_into(worker, td, checked.outcomes);
    }
    // A JSON report prints each task definition's number within its file: final here only for
    // a part that starts its file (a later run of a stream is numbered on by report_part).
    if (render_ahead.load(std::memory_order_relaxed) &&
        (checked.part.first_of_file || !streaming->numbers_task_definitions())) {
      render(checked);
    }
    return checked;
  };
  StreamNumbering numbering;
  // Leaves in `checked` what it does not keep, for the worker that made it to free.
  auto report_part = [&](Checked& checked) {
    InputPart& part = checked.part;
    std::vector<Outcome>& outcomes = checked.outcomes;
    const std::size_t first = numbering.first_index(part);
    for (document::TaskDefinition& td : part.loaded.task_definitions)
      td.origin.index += first;
    if (part.first_of_file) {
      ++report.files;
      progress.file_done();
    }
    report.errors.insert(report.errors.end(), part.loaded.errors.begin(), part.loaded.errors.end());
    for (const document::TaskDefinition& td : part.loaded.task_definitions) {
      for (Waiver& w : waivers::inline_waivers(td, report.errors))
        book.add(std::move(w));
    }
    report.task_definitions += part.loaded.task_definitions.size();
    if (book.size() != 0) render_ahead.store(false, std::memory_order_relaxed);
    if (checked.rendered && book.size() == 0) {
      streaming->write_rendered(*checked.rendered);
      report.written.add(checked.rendered->counts);
      return;
    }
    for (Outcome& o : outcomes)
      o.origin.index += first;
    book.apply(outcomes);
    report::Report listing;  // this part alone, when streaming
    report::SourceLines& sources = streaming ? listing.source_lines : report.source_lines;
    if (quote_sources && part.loaded.text) {
      std::vector<Outcome> listed;
      for (const Outcome& o : outcomes) {
        if (wants_listing(o, report)) listed.push_back(o);
      }
      quote_source_lines(listed, part.loaded.file, *part.loaded.text, sources, part.first_line);
    }
    if (streaming) {
      listing.gate = report.gate;
      listing.verbose = report.verbose;
      listing.outcomes = std::move(outcomes);
      streaming->write_part(listing);
      for (const Outcome& o : listing.outcomes)
        report.written.add(o, report.gate);
      outcomes = std::move(listing.outcomes);
    } else {
      report.outcomes.insert(report.outcomes.end(), std::make_move_iterator(outcomes.begin()),
                             std::make_move_iterator(outcomes.end()));
    }
  };
  // Each input is loaded and evaluated on a worker and reported here, in input order; a few
  // inputs per thread in flight keep every worker busy while the report is written.
  OrderedWorkers<InputJob, Checked> workers(threads, 4 * std::size_t{threads}, check_part,
                                            report_part);
  cut_inputs(files, pipeline, [&](InputJob&& job) { workers.push(std::move(job)); });
  workers.finish();
  if (!list_every_outcome) {
    for (const auto& evaluator : evaluators) {
      report.unlisted_passes += evaluator->pass_count();
      report.unlisted_not_applicable += evaluator->not_applicable_count();
    }
  }
  report.waiver_notices = book.notices();

  if (streaming) {
    streaming->finish(report);
  } else {
    report::write_report(report, format, style, out);
  }
  out << std::flush;
  if (to_file && (!out || !file_out)) {
    std::cerr << fmt::format("taskguard check: cannot write {}\n", *settings.output);
    return kExitUsage;
  }
  return report::exit_code(report);
}

}  // namespace

void register_check(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<CheckFlags>();
  CLI::App* command = app.add_subcommand(
      "check", "Check task definitions against the policy pack and your policies");
  command->add_option("paths", flags->paths,
                      "Files or folders to check (folders recursively); - reads standard input");
  command->add_option("--policy", flags->policies,
                      "Policy file or folder of .tg files (repeatable), compiled together");
  command->add_option("--bundle", flags->bundle,
                      "Compiled policy bundle (.tgb) instead of the default pack");
  command->add_flag("--no-default-pack", flags->no_default_pack,
                    "Do not run the shipped policy pack");
  command->add_option("--only", flags->only,
                      "Run only rules whose id or name matches (glob, repeatable)");
  command->add_option("--skip", flags->skip,
                      "Skip rules whose id or name matches (glob, repeatable)");
  command
      ->add_option("--min-severity", flags->min_severity,
                   "Run only rules of at least this severity")
      ->check(CLI::IsMember({"low", "medium", "high", "critical"}));
  command->add_option("--param", flags->settings.param_flags,
                      "Pack parameter NAME=VALUE (lists: a,b,c or JSON; repeatable)");
  config::add_limit_option(*command, flags->settings.limit_flags);
  command
      ->add_option("--fail-on", flags->fail_on,
                   "Lowest severity that fails the run, or never (default: low)")
      ->check(CLI::IsMember({"low", "medium", "high", "critical", "never"}));
  command
      ->add_option("--unknown", flags->unknown,
                   "Unknown outcomes: fail (count as failing), warn (default), ignore")
      ->check(CLI::IsMember({"fail", "warn", "ignore"}));
  command->add_option("--format,-f", flags->format, "Report format (default: text)")
      ->check(CLI::IsMember({"text", "json", "sarif", "junit", "github"}));
  command->add_option("--output,-o", flags->output, "Write the report to FILE instead of stdout");
  command->add_option("--jobs,-j", flags->jobs, "Threads (default: all cores)")
      ->check(CLI::Range(1u, 1024u));
  command->add_flag("--no-color", flags->no_color, "No colours (NO_COLOR is honoured too)");
  command->add_flag("--quiet,-q", flags->quiet,
                    "Findings only: no snippets, fixes, progress or summary");
  command->add_flag("--verbose,-v", flags->verbose, "Also list pass and not_applicable outcomes");
  command->add_option("--config", flags->config_file,
                      "Configuration file (default: the nearest .taskguard.yaml)");
  command->add_option("--waivers", flags->waivers, "Waiver file (YAML)");
  command->callback([command, flags, &exit_code] { exit_code = run_check(*command, *flags); });
}

}  // namespace taskguard::cli
