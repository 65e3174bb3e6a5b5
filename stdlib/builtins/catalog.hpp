#pragma once
// The catalogue of built-in functions: names, signatures and documentation. The checker reads
// it to type calls, the VM binds an implementation to each entry by index, and docs/stdlib.md is
// generated from it. Implementations live in interpreter/builtins.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "stdlib/types/type.hpp"

namespace taskguard::builtins {

struct Builtin {
  std::string_view name;     // "lower", "secrets.kind", "image.parse"
  std::vector<Type> params;  // expected argument types (Any accepts everything)
  bool variadic = false;     // the last parameter repeats
  Type result;
  std::string_view summary;  // one line for docs/stdlib.md
  std::string_view example;  // a call and its result, e.g. `lower("ABC") == "abc"`
  // False for the few builtins that look at unknown-ness themselves (has, is_unknown).
  bool propagates_unknown = true;
};

// Every builtin, in a fixed order: the index is the id compiled into bytecode and bundles, so
// new entries are appended, never inserted.
std::span<const Builtin> catalog();
std::optional<std::uint32_t> find(std::string_view name);

}  // namespace taskguard::builtins
