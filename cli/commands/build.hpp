#pragma once
// `taskguard build POLICY_PATHS... -o pack.tgb`: compiles policies into a bundle
// (docs/bundle-format.md). Exit codes: 0 written, 2 policy or usage error.

#include <CLI/CLI.hpp>

namespace taskguard::cli {

void register_build(CLI::App& app, int& exit_code);

}  // namespace taskguard::cli
