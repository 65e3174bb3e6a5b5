#pragma once
// Bytecode verification, run on every rule before a Program exists (compiled or loaded from a
// bundle): after it, the VM may execute the code without bounds checks on operands, jumps or
// the operand stack.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace taskguard::program {
struct Constant;
}

namespace taskguard::bytecode {

struct VerifierLimits {
  std::span<const program::Constant> constants;
  std::size_t keys = 0;
  std::size_t builtins = 0;
  std::size_t parameters = 0;
  std::size_t locals = 0;
  std::size_t iterators = 0;
};

struct VerifierResult {
  bool ok = false;
  std::string error;            // "offset 12: jump into the middle of an instruction"
  std::uint32_t max_stack = 0;  // deepest operand stack any path reaches
};

VerifierResult verify(std::span<const std::uint8_t> code, const VerifierLimits& limits);

}  // namespace taskguard::bytecode
