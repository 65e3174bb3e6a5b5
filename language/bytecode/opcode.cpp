#include "language/bytecode/opcode.hpp"

namespace taskguard::bytecode {

namespace {
constexpr OpcodeInfo kTable[] = {
#define TASKGUARD_OPCODE_INFO(name, a, b, c, pops, pushes) \
  {#name, {Operand::a, Operand::b, Operand::c}, pops, pushes},
    TASKGUARD_OPCODES(TASKGUARD_OPCODE_INFO)
#undef TASKGUARD_OPCODE_INFO
};
static_assert(std::size(kTable) == kOpcodeCount);
}  // namespace

const OpcodeInfo* opcode_info(std::uint8_t byte) {
  return byte < kOpcodeCount ? &kTable[byte] : nullptr;
}

const OpcodeInfo& opcode_info(Opcode op) {
  return kTable[static_cast<std::size_t>(op)];
}

std::size_t operand_width(Operand kind) {
  switch (kind) {
    case Operand::None:
      return 0;
    case Operand::Const:
    case Operand::OptConst:
    case Operand::Jump:
      return 4;
    case Operand::Key:
    case Operand::Local:
    case Operand::Iter:
    case Operand::Builtin:
    case Operand::Param:
    case Operand::Count:
      return 2;
    case Operand::ArgCount:
    case Operand::Verdict:
    case Operand::Quantifier:
      return 1;
  }
  return 0;
}

std::size_t instruction_length(const OpcodeInfo& info) {
  std::size_t n = 1;
  for (Operand o : info.operands)
    n += operand_width(o);
  return n;
}

int jump_effect(Opcode op) {
  switch (op) {
    case Opcode::AndJump:
    case Opcode::OrJump:
      return 0;  // the deciding operand stays as the result
    case Opcode::QuantInit:
      return 0;  // collection popped, unknown result pushed
    case Opcode::QuantStep:
      return -1;  // condition popped
    case Opcode::When:
      return -1;
    case Opcode::ForInit:
      return -1;
    case Opcode::LoadCached:
      return 1;  // the cached value, pushed
    default:
      return 0;
  }
}

bool ends_block(Opcode op) {
  return op == Opcode::Jump || op == Opcode::Halt;
}

}  // namespace taskguard::bytecode
