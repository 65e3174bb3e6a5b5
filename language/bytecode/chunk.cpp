#include "language/bytecode/chunk.hpp"

#include <stdexcept>

namespace taskguard::bytecode {

std::optional<Instruction> decode(std::span<const std::uint8_t> code, std::size_t offset) {
  if (offset >= code.size()) return std::nullopt;
  const OpcodeInfo* info = opcode_info(code[offset]);
  if (info == nullptr) return std::nullopt;
  Instruction in{static_cast<Opcode>(code[offset]), info};
  in.length = instruction_length(*info);
  if (code.size() - offset < in.length) return std::nullopt;
  const std::uint8_t* p = code.data() + offset + 1;
  for (std::size_t i = 0; i < 3; ++i) {
    switch (operand_width(info->operands[i])) {
      case 1:
        in.operands[i] = *p;
        break;
      case 2:
        in.operands[i] = read_u16(p);
        break;
      case 4:
        in.operands[i] = read_u32(p);
        break;
      default:
        break;
    }
    p += operand_width(info->operands[i]);
  }
  return in;
}

void ChunkWriter::emit(Opcode op, std::uint32_t a, std::uint32_t b, std::uint32_t c) {
  const OpcodeInfo& info = opcode_info(op);
  code_.push_back(static_cast<std::uint8_t>(op));
  const std::uint32_t values[3] = {a, b, c};
  for (std::size_t i = 0; i < 3; ++i) {
    const Operand kind = info.operands[i];
    const std::size_t width = operand_width(kind);
    if (kind == Operand::Jump) fixups_.emplace_back(code_.size(), values[i]);
    const std::uint32_t max = width == 1 ? 0xFFu : width == 2 ? 0xFFFFu : 0xFFFFFFFFu;
    if (width > 0 && values[i] > max) {
      throw std::length_error("policy too large: an operand of " + std::string(info.name) +
                              " does not fit in its encoding");
    }
    for (std::size_t byte = 0; byte < width; ++byte) {
      code_.push_back(static_cast<std::uint8_t>(values[i] >> (8 * byte)));
    }
  }
}

ChunkWriter::Label ChunkWriter::new_label() {
  labels_.push_back(-1);
  return static_cast<Label>(labels_.size() - 1);
}

void ChunkWriter::bind(Label label) {
  labels_.at(label) = static_cast<std::int64_t>(code_.size());
}

bool ChunkWriter::bound(Label label) const {
  return labels_.at(label) >= 0;
}

std::vector<std::uint8_t> ChunkWriter::finish() {
  for (auto [at, label] : fixups_) {
    const std::int64_t target = labels_.at(label);
    if (target < 0) throw std::logic_error("jump to an unbound label");
    for (std::size_t byte = 0; byte < 4; ++byte) {
      code_[at + byte] =
          static_cast<std::uint8_t>(static_cast<std::uint64_t>(target) >> (8 * byte));
    }
  }
  fixups_.clear();
  return std::move(code_);
}

}  // namespace taskguard::bytecode
