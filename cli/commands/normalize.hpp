#pragma once
// `taskguard normalize [PATHS|-] [--locations]`: prints every task definition the loaders find,
// in the canonical API shape, one JSON line each (docs/inputs.md describes the output).
//   exit 0  every input was read (warnings may be printed on stderr)
//   exit 3  some input could not be read or parsed (the others are still printed)

#include <CLI/CLI.hpp>

namespace taskguard::cli {

// Adds the `normalize` subcommand to `app`; when it runs, its exit code is stored in `exit_code`.
void register_normalize(CLI::App& app, int& exit_code);

}  // namespace taskguard::cli
