#pragma once
// The instruction set: a stack machine. One byte of opcode, then fixed-width little-endian
// operands whose kinds are listed below. The same table drives the emitter, the verifier, the
// disassembler and the VM's dispatch, so they cannot disagree about an instruction's shape.

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace taskguard::bytecode {

enum class Operand : std::uint8_t {
  None,
  Const,       // u32 constant index
  OptConst,    // u32 constant index, or kNoConstant
  Key,         // u16 key-table index
  Local,       // u16 local slot
  Iter,        // u16 iterator slot
  Jump,        // u32 absolute code offset
  Builtin,     // u16 builtin-table index
  Param,       // u16 parameter index
  Count,       // u16 number of stack operands consumed (lists, interpolation)
  ArgCount,    // u8 number of arguments
  Verdict,     // u8: 0 deny, 1 require
  Quantifier,  // u8: 0 any, 1 all, 2 count
};

inline constexpr std::uint32_t kNoConstant = 0xFFFFFFFF;

// X(name, operand0, operand1, operand2, pops, pushes)
// pops/pushes of -1 mean "given by the Count/ArgCount operand". Jump operands describe a second
// successor; their stack effect is given in jump_effect() below.
#define TASKGUARD_OPCODES(X)                   \
  X(PushConst, Const, None, None, 0, 1)        \
  X(PushNull, None, None, None, 0, 1)          \
  X(PushTrue, None, None, None, 0, 1)          \
  X(PushFalse, None, None, None, 0, 1)         \
  X(LoadTask, None, None, None, 0, 1)          \
  X(LoadLocal, Local, None, None, 0, 1)        \
  X(LoadLocalNode, Local, None, None, 0, 1)    \
  X(StoreLocal, Local, None, None, 1, 0)       \
  X(LoadParam, Param, None, None, 0, 1)        \
  X(Pop, None, None, None, 1, 0)               \
  X(GetField, Key, OptConst, None, 1, 1)       \
  X(Index, None, None, None, 2, 1)             \
  X(HasField, Key, None, None, 1, 1)           \
  X(HasIndex, None, None, None, 2, 1)          \
  X(LocateField, Key, None, None, 1, 1)        \
  X(LocateIndex, None, None, None, 2, 1)       \
  X(Not, None, None, None, 1, 1)               \
  X(Negate, None, None, None, 1, 1)            \
  X(Truth, None, None, None, 1, 1)             \
  X(Equal, None, None, None, 2, 1)             \
  X(NotEqual, None, None, None, 2, 1)          \
  X(Less, None, None, None, 2, 1)              \
  X(LessEqual, None, None, None, 2, 1)         \
  X(Greater, None, None, None, 2, 1)           \
  X(GreaterEqual, None, None, None, 2, 1)      \
  X(In, None, None, None, 2, 1)                \
  X(NotIn, None, None, None, 2, 1)             \
  X(Matches, None, None, None, 2, 1)           \
  X(Add, None, None, None, 2, 1)               \
  X(Subtract, None, None, None, 2, 1)          \
  X(Multiply, None, None, None, 2, 1)          \
  X(Divide, None, None, None, 2, 1)            \
  X(AndJump, Jump, None, None, 1, 1)           \
  X(OrJump, Jump, None, None, 1, 1)            \
  X(AndMerge, None, None, None, 2, 1)          \
  X(OrMerge, None, None, None, 2, 1)           \
  X(MakeList, Count, None, None, -1, 1)        \
  X(Concat, Count, None, None, -1, 1)          \
  X(Call, Builtin, ArgCount, None, -1, 1)      \
  X(Jump, Jump, None, None, 0, 0)              \
  X(QuantInit, Iter, Quantifier, Jump, 1, 0)   \
  X(QuantNext, Iter, Local, Jump, 0, 0)        \
  X(QuantStep, Iter, Jump, None, 1, 0)         \
  X(QuantResult, Iter, None, None, 0, 1)       \
  X(Try, Jump, None, None, 0, 0)               \
  X(When, Jump, None, None, 1, 0)              \
  X(ForInit, Iter, Jump, None, 1, 0)           \
  X(ForNext, Iter, Local, Jump, 0, 0)          \
  X(Verdict, Verdict, None, None, 1, 0)        \
  X(SetLocation, None, None, None, 1, 0)       \
  X(JumpIfPass, Jump, None, None, 0, 0)        \
  X(SetMessage, None, None, None, 1, 0)        \
  X(Emit, None, None, None, 0, 0)              \
  X(Halt, None, None, None, 0, 0)              \
  X(MakeLocatedList, Count, None, None, -1, 1) \
  X(CountPass, Jump, None, None, 0, 0)         \
  X(GetLocalField, Local, Key, OptConst, 0, 1) \
  X(ForNextTry, Iter, Local, Jump, 0, 0)       \
  X(LoadCached, Local, Jump, None, 0, 0)       \
  X(StoreCached, Local, None, None, 1, 1)

enum class Opcode : std::uint8_t {
#define TASKGUARD_OPCODE_ENUM(name, a, b, c, pops, pushes) name,
  TASKGUARD_OPCODES(TASKGUARD_OPCODE_ENUM)
#undef TASKGUARD_OPCODE_ENUM
};

struct OpcodeInfo {
  std::string_view name;
  std::array<Operand, 3> operands;
  int pops;  // -1: from the Count/ArgCount operand
  int pushes;
};

inline constexpr std::size_t kOpcodeCount = 0
#define TASKGUARD_OPCODE_COUNT(name, a, b, c, pops, pushes) +1
    TASKGUARD_OPCODES(TASKGUARD_OPCODE_COUNT)
#undef TASKGUARD_OPCODE_COUNT
    ;

// nullptr when `byte` is not an opcode.
const OpcodeInfo* opcode_info(std::uint8_t byte);
const OpcodeInfo& opcode_info(Opcode op);

// Bytes an operand of this kind occupies.
std::size_t operand_width(Operand kind);
// Total length of the instruction, opcode byte included.
std::size_t instruction_length(const OpcodeInfo& info);

// Net stack change along an instruction's jump edge (its Jump operand), relative to the height
// before the instruction. For example AndJump leaves its operand in place when it jumps (0),
// QuantInit pops the collection and pushes the unknown result (0), When pops its guard (-1).
int jump_effect(Opcode op);
// Does execution never continue to the next instruction (Jump, Halt)?
bool ends_block(Opcode op);

}  // namespace taskguard::bytecode
