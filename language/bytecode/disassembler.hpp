#pragma once
// Human-readable bytecode, for `taskguard disasm` and for reading compiler output in tests.

#include <string>

#include "language/program/program.hpp"

namespace taskguard::bytecode {

// One rule: a header line, then one instruction per line with its offset, name and operands
// resolved against the program's pools, e.g.
//   0012  GetField        key 3 "privileged"  default #4 false
std::string disassemble(const program::Program& program, std::size_t rule);
// The pools (constants, keys, builtins, parameters) and then every rule.
std::string disassemble(const program::Program& program);

}  // namespace taskguard::bytecode
