#pragma once
// Fuzz entry point: a policy file, as written by a user, through the front end.
// Contract: any byte string yields diagnostics, never a crash, hang or escaping exception.

#include <string_view>

#include "language/diagnostics/diagnostic.hpp"
#include "language/parser/parser.hpp"

namespace taskguard::fuzz {

inline void policy_source(std::string_view input) {
  diagnostics::DiagnosticList diagnostics;
  auto module = parser::parse(input, "fuzz.tg", diagnostics);
  (void)module;
}

}  // namespace taskguard::fuzz
