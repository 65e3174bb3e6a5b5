#include "cli/commands/build.hpp"

#include <fmt/core.h>

#include <iostream>

#include "cli/app.hpp"
#include "cli/commands/compile_policies.hpp"
#include "language/bundle/bundle.hpp"

namespace taskguard::cli {

void register_build(CLI::App& app, int& exit_code) {
  struct Options {
    std::vector<std::string> paths;
    std::string output;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("build", "Compile policies into a bundle (.tgb)");
  command
      ->add_option("paths", options->paths, "Policy files or folders (.tg, searched recursively)")
      ->required();
  command->add_option("-o,--output", options->output, "Bundle to write")->required();
  command->callback([options, &exit_code] {
    auto program = compile_policy_files(options->paths, std::cerr);
    if (!program) {
      exit_code = kExitUsage;
      return;
    }
    try {
      bundle::write_file(*program, options->output);
    } catch (const bundle::BundleError& e) {
      std::cerr << "error: " << e.what() << "\n";
      exit_code = kExitUsage;
      return;
    }
    bundle::BundleInfo info;
    bundle::read_file(options->output, &info);
    std::cout << fmt::format("wrote {}: {} rules, {} bytes, sha256 {}\n", options->output,
                             program->rules().size(), info.total_size, info.digest);
    exit_code = kExitOk;
  });
}

}  // namespace taskguard::cli
