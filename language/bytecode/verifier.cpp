#include "language/bytecode/verifier.hpp"

#include <fmt/core.h>

#include <optional>

#include "language/bytecode/chunk.hpp"
#include "language/program/program.hpp"

namespace taskguard::bytecode {

namespace {

// Deep enough for any expression a person writes; shallow enough that a hostile bundle cannot
// make the VM allocate much.
constexpr std::int64_t kMaxStack = 4096;

struct Verifier {
  std::span<const std::uint8_t> code;
  const VerifierLimits& limits;
  std::vector<std::int32_t> height;  // per offset; -1 unvisited, -2 not an instruction start
  std::vector<std::size_t> work;
  std::string error;
  std::int64_t max_stack = 0;

  bool fail(std::size_t at, std::string message) {
    error = fmt::format("offset {}: {}", at, message);
    return false;
  }

  bool check_operand(std::size_t at, const Instruction& in, std::size_t i) {
    const std::uint32_t v = in.operands[i];
    switch (in.info->operands[i]) {
      case Operand::Const:
        if (v >= limits.constants.size())
          return fail(at, fmt::format("constant {} out of range", v));
        return true;
      case Operand::OptConst:
        if (v != kNoConstant && v >= limits.constants.size()) {
          return fail(at, fmt::format("constant {} out of range", v));
        }
        return true;
      case Operand::Key:
        return v < limits.keys || fail(at, fmt::format("key {} out of range", v));
      case Operand::Local:
        return v < limits.locals || fail(at, fmt::format("local slot {} out of range", v));
      case Operand::Iter:
        return v < limits.iterators || fail(at, fmt::format("iterator {} out of range", v));
      case Operand::Builtin:
        return v < limits.builtins || fail(at, fmt::format("builtin {} out of range", v));
      case Operand::Param:
        return v < limits.parameters || fail(at, fmt::format("parameter {} out of range", v));
      case Operand::Verdict:
        return v <= 1 || fail(at, "invalid verdict kind");
      case Operand::Quantifier:
        return v <= 2 || fail(at, "invalid quantifier kind");
      case Operand::Jump:
        if (v >= code.size() || height[v] == -2) {
          return fail(at, "jump target is not the start of an instruction");
        }
        return true;
      default:
        return true;
    }
  }

  bool flow_to(std::size_t at, std::size_t target, std::int64_t h) {
    if (h < 0) return fail(at, "operand stack underflow");
    if (h > kMaxStack) return fail(at, "operand stack too deep");
    if (target >= code.size()) return fail(at, "execution runs past the end of the code");
    if (height[target] == -1) {
      height[target] = static_cast<std::int32_t>(h);
      work.push_back(target);
      return true;
    }
    if (height[target] != h) return fail(target, "inconsistent operand stack depth");
    return true;
  }

  bool run() {
    if (code.empty()) return fail(0, "empty code");
    height.assign(code.size(), -2);
    std::vector<Instruction> decoded;
    for (std::size_t at = 0; at < code.size();) {
      auto in = decode(code, at);
      if (!in) return fail(at, "invalid opcode or truncated instruction");
      height[at] = -1;
      at += in->length;
    }
    height[0] = 0;
    work.push_back(0);
    while (!work.empty()) {
      const std::size_t at = work.back();
      work.pop_back();
      const Instruction in = *decode(code, at);
      for (std::size_t i = 0; i < 3; ++i) {
        if (!check_operand(at, in, i)) return false;
      }
      const std::int64_t h = height[at];
      // ForNextTry is its own loop's error handler, and a handler starts with an empty stack.
      if (in.op == Opcode::ForNextTry && h != 0) {
        return fail(at, "ForNextTry (an error handler) needs an empty operand stack");
      }
      std::int64_t pops = in.info->pops;
      if (pops < 0) pops = in.op == Opcode::Call ? in.operands[1] : in.operands[0];
      if (in.op == Opcode::MakeLocatedList) pops *= 2;  // a value and its location per item
      if (h < pops) return fail(at, "operand stack underflow");
      const std::int64_t after = h - pops + in.info->pushes;
      max_stack = std::max({max_stack, after, h});
      for (std::size_t i = 0; i < 3; ++i) {
        if (in.info->operands[i] != Operand::Jump) continue;
        // An error handler starts with an empty stack: the VM resets it before jumping.
        const std::int64_t target_height = in.op == Opcode::Try ? 0 : h + jump_effect(in.op);
        if (in.op == Opcode::Jump) break;  // handled as the only successor below
        if (!flow_to(at, in.operands[i], target_height)) return false;
      }
      if (in.op == Opcode::Jump) {
        if (!flow_to(at, in.operands[0], h)) return false;
      } else if (!ends_block(in.op)) {
        if (!flow_to(at, at + in.length, after)) return false;
      }
    }
    return true;
  }
};

}  // namespace

VerifierResult verify(std::span<const std::uint8_t> code, const VerifierLimits& limits) {
  Verifier v{code, limits, {}, {}, {}, 0};
  VerifierResult result;
  result.ok = v.run();
  result.error = std::move(v.error);
  result.max_stack = static_cast<std::uint32_t>(v.max_stack);
  return result;
}

}  // namespace taskguard::bytecode
