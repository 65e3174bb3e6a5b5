#pragma once
// `taskguard fmt [--check] [FILES or FOLDERS]`: rewrites policy files in the canonical layout.
//   exit 0  every file is (now) formatted
//   exit 1  --check: some file would change (each is named on stdout)
//   exit 2  a file does not parse (diagnostics on stderr) or cannot be read/written

#include <CLI/CLI.hpp>

namespace taskguard::cli {

// Adds the `fmt` subcommand to `app`; when it runs, its exit code is stored in `exit_code`.
void register_fmt(CLI::App& app, int& exit_code);

}  // namespace taskguard::cli
