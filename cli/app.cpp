#include "cli/app.hpp"

#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include "cli/commands/build.hpp"
#include "cli/commands/check.hpp"
#include "cli/commands/default_pack.hpp"
#include "cli/commands/disasm.hpp"
#include "cli/commands/explain.hpp"
#include "cli/commands/fmt.hpp"
#include "cli/commands/inspect.hpp"
#include "cli/commands/normalize.hpp"
#include "cli/commands/rules.hpp"
#include "cli/commands/test.hpp"
#include "taskguard/version.hpp"

namespace taskguard::cli {

int run(int argc, char** argv) {
  CLI::App app{"TaskGuard: a policy engine for Amazon ECS task definitions", "taskguard"};
  app.set_version_flag("--version", std::string("taskguard ") + kVersion);
  app.require_subcommand(1);
  app.fallthrough(false);

  register_pack_libraries();

  // Each subcommand stores its exit code here when it runs.
  int exit_code = kExitOk;
  register_check(app, exit_code);
  register_fmt(app, exit_code);
  register_normalize(app, exit_code);
  register_test(app, exit_code);
  register_rules(app, exit_code);
  register_explain(app, exit_code);
  register_build(app, exit_code);
  register_inspect(app, exit_code);
  register_disasm(app, exit_code);

  // A repeatable option takes one value per occurrence (`--policy a --policy b`): otherwise
  // `--policy rules/ examples/` would swallow the files to check as more policy paths.
  for (CLI::App* command : app.get_subcommands({})) {
    for (CLI::Option* option : command->get_options()) {
      if (!option->get_positional()) option->allow_extra_args(false);
    }
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  return exit_code;
}

}  // namespace taskguard::cli
