#pragma once
// Binds each entry of the builtin catalogue (stdlib/builtins/catalog.hpp) to the C++ function
// that implements it. The catalogue index is what bytecode and bundles carry; this table turns
// it into a call. Unknown arguments never reach an implementation whose catalogue entry
// propagates unknown: the VM answers unknown before calling.

#include <span>

#include "interpreter/value/operators.hpp"
#include "interpreter/value/value.hpp"

namespace taskguard::vm {

struct BuiltinContext {
  Scratch& scratch;     // where results made at run time live (reset per task definition)
  RegexCache& regexes;  // for builtins that take a pattern as a string
};

// Throws RuntimeError for arguments it cannot handle (the outcome becomes `error`).
using BuiltinFunction = Value (*)(BuiltinContext&, std::span<const Value> args);

// One entry per catalogue entry, in catalogue order; nullptr where no implementation is bound
// (calling it is a runtime error naming the builtin).
std::span<const BuiltinFunction> builtin_table();

}  // namespace taskguard::vm
