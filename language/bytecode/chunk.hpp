#pragma once
// Reading and writing instructions in a rule's code. The writer hands out labels for forward
// jumps and patches them once bound; the decoder is the one place that knows the byte layout.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "language/bytecode/opcode.hpp"

namespace taskguard::bytecode {

struct Instruction {
  Opcode op;
  const OpcodeInfo* info;
  std::array<std::uint32_t, 3> operands{};
  std::size_t length = 0;
};

// Decodes the instruction at `offset`; nullopt when the opcode is invalid or the operands run
// past the end of `code`.
std::optional<Instruction> decode(std::span<const std::uint8_t> code, std::size_t offset);

inline std::uint16_t read_u16(const std::uint8_t* p) {
  return static_cast<std::uint16_t>(p[0] | (p[1] << 8));
}
inline std::uint32_t read_u32(const std::uint8_t* p) {
  return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
         (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}

class ChunkWriter {
 public:
  using Label = std::uint32_t;

  // Operands in the order of the opcode's table entry; Jump operands take a Label.
  void emit(Opcode op, std::uint32_t a = 0, std::uint32_t b = 0, std::uint32_t c = 0);
  Label new_label();
  void bind(Label label);  // the label now means "the next instruction emitted"
  bool bound(Label label) const;
  std::size_t size() const { return code_.size(); }
  // Patches every jump to its label; every used label must be bound.
  std::vector<std::uint8_t> finish();

 private:
  std::vector<std::uint8_t> code_;
  std::vector<std::int64_t> labels_;                   // -1 while unbound
  std::vector<std::pair<std::size_t, Label>> fixups_;  // operand offset, label
};

}  // namespace taskguard::bytecode
