// taskguard-compile: the build-time bootstrap that compiles the shipped policy pack
// (policies/*.tg) into the bundle embedded in the taskguard binary, so that a plain
// `taskguard check` never compiles anything at run time.
//
//   taskguard-compile -o default.tgb POLICY_PATHS...
//
// An empty policies folder gives an empty (but valid) bundle.

#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "language/bundle/bundle.hpp"
#include "language/compiler/compile.hpp"
#include "language/frontend/frontend.hpp"

int main(int argc, char** argv) {
  using namespace taskguard;
  std::string output;
  std::vector<std::string> inputs;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
      output = argv[++i];
    } else {
      inputs.emplace_back(argv[i]);
    }
  }
  if (output.empty() || inputs.empty()) {
    std::cerr << "usage: taskguard-compile -o BUNDLE POLICY_PATHS...\n";
    return 2;
  }

  diagnostics::DiagnosticList diagnostics;
  frontend::SourceSet sources;
  std::shared_ptr<const program::Program> program;
  const std::vector<std::string> files = frontend::policy_files(inputs, diagnostics);
  if (!diagnostics.has_errors()) {
    if (files.empty()) {
      program = compiler::compile(checker::CheckedProgram{}, diagnostics);
    } else if (auto checked = frontend::load_policies(files, diagnostics, &sources)) {
      if (!diagnostics.has_errors()) program = compiler::compile(*checked, diagnostics);
    }
  }
  for (const diagnostics::Diagnostic& d : diagnostics.items()) {
    std::cerr << frontend::render(d, sources, false);
  }
  if (!program || diagnostics.has_errors()) return 2;
  try {
    bundle::write_file(*program, output);
  } catch (const bundle::BundleError& e) {
    std::cerr << "taskguard-compile: " << e.what() << "\n";
    return 2;
  }
  return 0;
}
