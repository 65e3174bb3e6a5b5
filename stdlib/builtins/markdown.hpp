#pragma once
// docs/stdlib.md, rendered from the catalogue. A unit test compares the committed file with this
// output, so the reference can never drift from what the checker accepts.

#include <string>

#include "stdlib/builtins/catalog.hpp"

namespace taskguard::builtins {

// "name(string, string) → bool", the signature as the docs and diagnostics show it.
std::string signature(const Builtin& builtin);

std::string render_stdlib_markdown();

}  // namespace taskguard::builtins
