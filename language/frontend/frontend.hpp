#pragma once
// From policy files to a checked program in one call: the entry point the CLI, the bundle
// builder and the tests use. Parsing and checking stay separate phases underneath.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "language/ast/ast.hpp"
#include "language/checker/checked_program.hpp"
#include "language/diagnostics/diagnostic.hpp"
#include "language/diagnostics/render.hpp"
#include "stdlib/limits/limits.hpp"

namespace taskguard::frontend {

// The text of every file read, kept so that diagnostics can quote the offending line.
class SourceSet {
 public:
  const std::string& add(std::string file, std::string text);
  std::optional<std::string_view> find(const std::string& file) const;
  diagnostics::SourceLookup lookup() const;

 private:
  std::map<std::string, std::string, std::less<>> texts_;
};

// Parses one file. The module is usable only if no error was added.
std::unique_ptr<ast::Module> parse_module(std::string_view text, const std::string& file,
                                          diagnostics::DiagnosticList& diagnostics);

// Checks modules compiled together against the embedded task-definition schema.
std::optional<checker::CheckedProgram> check(std::vector<std::unique_ptr<ast::Module>> modules,
                                             diagnostics::DiagnosticList& diagnostics);

// Makes a policy package importable by name (`import taskguard.secrets`) without being given
// on the command line; only packages some compiled file imports are compiled in. The CLI
// registers the embedded pack here. Thread-safe; a later registration of a name replaces it.
void register_library(std::string package, std::string file, std::string text);
void clear_libraries();

// Files named directly, plus every `.tg` file under the directories named, recursively, in
// sorted order. A path that does not exist is an error.
std::vector<std::string> policy_files(const std::vector<std::string>& paths_or_dirs,
                                      diagnostics::DiagnosticList& diagnostics);

// Reads, parses and checks the policy files (see policy_files), pulling in the registered
// libraries they import (transitively). `sources`, when given, receives every text read. A file
// larger than limits.policy_source_bytes is an error, refused before it is read.
std::optional<checker::CheckedProgram> load_policies(const std::vector<std::string>& paths_or_dirs,
                                                     diagnostics::DiagnosticList& diagnostics,
                                                     SourceSet* sources = nullptr,
                                                     const limits::Limits& limits = {});

// The same, from texts already in memory: (file name, text) pairs.
std::optional<checker::CheckedProgram> load_sources(
    const std::vector<std::pair<std::string, std::string>>& files,
    diagnostics::DiagnosticList& diagnostics, SourceSet* sources = nullptr,
    const limits::Limits& limits = {});

// One diagnostic, quoting its source line when the set has the file.
std::string render(const diagnostics::Diagnostic& diagnostic, const SourceSet& sources, bool color);

}  // namespace taskguard::frontend
