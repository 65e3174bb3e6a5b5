#pragma once
// `taskguard inspect pack.tgb`: what a bundle holds — format and compiler versions, digest,
// sizes, parameters, and every rule with its metadata and worst-case cost.

#include <CLI/CLI.hpp>

namespace taskguard::cli {

void register_inspect(CLI::App& app, int& exit_code);

}  // namespace taskguard::cli
