#pragma once
// Fuzz entry point: one policy file, as a user writes it, through the whole front end and the
// compiler: parse, check (names, schema, types, metadata), compile to verified bytecode.
// Contract: any byte string yields a program or diagnostics, never a crash, hang or exception.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "language/compiler/compile.hpp"
#include "language/diagnostics/diagnostic.hpp"
#include "language/frontend/frontend.hpp"
#include "tests/fuzz/entry_points/result.hpp"

namespace taskguard::fuzz {

inline Result first_error(const diagnostics::DiagnosticList& diagnostics) {
  for (const auto& d : diagnostics.items()) {
    if (d.level == diagnostics::Level::Error) return {false, d.message};
  }
  return {false, {}};
}

inline Result policy_source(std::string_view input) {
  diagnostics::DiagnosticList diagnostics;
  auto checked = frontend::load_sources({{"fuzz.tg", std::string(input)}}, diagnostics);
  if (!checked) return first_error(diagnostics);
  auto program = compiler::compile(*checked, diagnostics);
  if (!program) return first_error(diagnostics);
  return {true, {}};
}

}  // namespace taskguard::fuzz
