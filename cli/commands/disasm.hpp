#pragma once
// `taskguard disasm pack.tgb|POLICY.tg...`: the bytecode of a bundle, or of policies compiled
// on the spot, in readable form (docs/internals.md describes the instruction set).

#include <CLI/CLI.hpp>

namespace taskguard::cli {

void register_disasm(CLI::App& app, int& exit_code);

}  // namespace taskguard::cli
