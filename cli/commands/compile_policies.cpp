#include "cli/commands/compile_policies.hpp"

#include <unistd.h>

#include "language/compiler/compile.hpp"
#include "language/frontend/frontend.hpp"

namespace taskguard::cli {

std::shared_ptr<const program::Program> compile_policy_files(const std::vector<std::string>& paths,
                                                             std::ostream& errors) {
  diagnostics::DiagnosticList diagnostics;
  frontend::SourceSet sources;
  std::shared_ptr<const program::Program> program;
  if (auto checked = frontend::load_policies(paths, diagnostics, &sources)) {
    if (!diagnostics.has_errors()) program = compiler::compile(*checked, diagnostics);
  }
  const bool color = isatty(STDERR_FILENO) != 0;
  for (const diagnostics::Diagnostic& d : diagnostics.items()) {
    errors << frontend::render(d, sources, color);
  }
  return diagnostics.has_errors() ? nullptr : program;
}

}  // namespace taskguard::cli
