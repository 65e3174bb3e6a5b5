#pragma once
// `taskguard check [PATHS...|-]`: evaluates task definitions against the default pack and/or
// given policies and reports the outcomes (docs/cli.md). Exit codes: cli/app.hpp.

#include <CLI/CLI.hpp>

namespace taskguard::cli {

// Adds the `check` subcommand to `app`; when it runs, its exit code is stored in `exit_code`.
void register_check(CLI::App& app, int& exit_code);

}  // namespace taskguard::cli
