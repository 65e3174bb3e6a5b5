#include "cli/commands/disasm.hpp"

#include <fstream>
#include <iostream>

#include "cli/app.hpp"
#include "cli/commands/compile_policies.hpp"
#include "language/bundle/bundle.hpp"
#include "language/bytecode/disassembler.hpp"

namespace taskguard::cli {

namespace {

bool is_bundle(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::string magic(bundle::kMagic.size(), '\0');
  file.read(magic.data(), static_cast<std::streamsize>(magic.size()));
  return file && magic == bundle::kMagic;
}

}  // namespace

void register_disasm(CLI::App& app, int& exit_code) {
  auto paths = std::make_shared<std::vector<std::string>>();
  CLI::App* command =
      app.add_subcommand("disasm", "Show the bytecode of a bundle or of policy files");
  command->add_option("inputs", *paths, "A bundle (.tgb), or policy files and folders")->required();
  command->callback([paths, &exit_code] {
    std::shared_ptr<const program::Program> program;
    if (paths->size() == 1 && is_bundle(paths->front())) {
      try {
        program = bundle::read_file(paths->front());
      } catch (const bundle::BundleError& e) {
        std::cerr << "error: " << e.what() << "\n";
      }
    } else {
      program = compile_policy_files(*paths, std::cerr);
    }
    if (!program) {
      exit_code = kExitUsage;
      return;
    }
    std::cout << bytecode::disassemble(*program);
    exit_code = kExitOk;
  });
}

}  // namespace taskguard::cli
