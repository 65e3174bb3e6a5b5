#pragma once
// Policy files → compiled Program, with diagnostics rendered for people. Shared by `build` and
// `disasm`.

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "language/program/program.hpp"

namespace taskguard::cli {

// nullptr after writing every diagnostic to `errors`.
std::shared_ptr<const program::Program> compile_policy_files(const std::vector<std::string>& paths,
                                                             std::ostream& errors);

}  // namespace taskguard::cli
