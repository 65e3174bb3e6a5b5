#pragma once
// The standard policy pack that ships inside the binary (policies/*.tg, compiled at build time).

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "language/program/program.hpp"

namespace taskguard::cli {

// The embedded pack, decoded once. Throws std::runtime_error when this binary carries no pack.
std::shared_ptr<const program::Program> default_pack();

// The pack's sources as the binary carries them: (policies/NAME.tg, text), for the commands that
// need the source rather than the bytecode (explain).
std::vector<std::pair<std::string, std::string>> default_pack_source_files();

// Makes the pack's packages importable from user policies (`import taskguard.isolation`): their
// constants, parameters and functions become usable; their rules are not compiled again.
void register_pack_libraries();

}  // namespace taskguard::cli
