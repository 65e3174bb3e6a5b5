#include "language/frontend/frontend.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>

#include "language/checker/checker.hpp"
#include "language/parser/parser.hpp"
#include "stdlib/schema/schema.hpp"

namespace taskguard::frontend {
namespace {

struct Library {
  std::string file;
  std::string text;
};

struct LibraryRegistry {
  std::mutex mutex;
  std::map<std::string, Library, std::less<>> packages;
};

LibraryRegistry& libraries() {
  static LibraryRegistry registry;
  return registry;
}

std::optional<Library> find_library(const std::string& package) {
  auto& registry = libraries();
  std::lock_guard lock(registry.mutex);
  const auto it = registry.packages.find(package);
  if (it == registry.packages.end()) return std::nullopt;
  return it->second;
}

std::string source_too_large(std::uint64_t size, const limits::Limits& limits) {
  return limits::exceeded("policy-source-bytes", limits.policy_source_bytes,
                          fmt::format("the policy file is {} bytes", size));
}

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return text.str();
}

}  // namespace

const std::string& SourceSet::add(std::string file, std::string text) {
  auto& slot = texts_[std::move(file)];
  slot = std::move(text);
  return slot;
}

std::optional<std::string_view> SourceSet::find(const std::string& file) const {
  const auto it = texts_.find(file);
  if (it == texts_.end()) return std::nullopt;
  return std::string_view(it->second);
}

diagnostics::SourceLookup SourceSet::lookup() const {
  return [this](const std::string& file) { return find(file); };
}

std::unique_ptr<ast::Module> parse_module(std::string_view text, const std::string& file,
                                          diagnostics::DiagnosticList& diagnostics) {
  return parser::parse(text, file, diagnostics);
}

std::optional<checker::CheckedProgram> check(std::vector<std::unique_ptr<ast::Module>> modules,
                                             diagnostics::DiagnosticList& diagnostics) {
  return checker::check(std::move(modules), schema::Schema::task_definition(), diagnostics);
}

void register_library(std::string package, std::string file, std::string text) {
  auto& registry = libraries();
  std::lock_guard lock(registry.mutex);
  registry.packages[std::move(package)] = {std::move(file), std::move(text)};
}

void clear_libraries() {
  auto& registry = libraries();
  std::lock_guard lock(registry.mutex);
  registry.packages.clear();
}

std::vector<std::string> policy_files(const std::vector<std::string>& paths_or_dirs,
                                      diagnostics::DiagnosticList& diagnostics) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const std::string& path : paths_or_dirs) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<std::string> found;
      for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file(ec) && it->path().extension() == ".tg") {
          found.push_back(it->path().string());
        }
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(path, ec)) {
      files.push_back(path);
    } else {
      diagnostics.error(path, {}, "no such policy file or directory");
    }
  }
  return files;
}

std::optional<checker::CheckedProgram> load_sources(
    const std::vector<std::pair<std::string, std::string>>& files,
    diagnostics::DiagnosticList& diagnostics, SourceSet* sources, const limits::Limits& limits) {
  std::vector<std::unique_ptr<ast::Module>> modules;
  std::set<std::string> packages;
  auto parse_into = [&](const std::string& file, const std::string& text, bool library) {
    if (text.size() > limits.policy_source_bytes) {
      diagnostics.error(file, {}, source_too_large(text.size(), limits));
      return;
    }
    if (sources) sources->add(file, text);
    auto module = parser::parse(text, file, diagnostics);
    module->library = library;
    if (!module->package.empty()) packages.insert(module->package);
    modules.push_back(std::move(module));
  };
  for (const auto& [file, text] : files)
    parse_into(file, text, false);
  // Pull in the registered libraries the modules import, and those they import in turn.
  for (std::size_t i = 0; i < modules.size(); ++i) {
    for (const ast::Import& import : modules[i]->imports) {
      if (import.path.rfind("std.", 0) == 0 || packages.count(import.path) != 0) continue;
      if (auto library = find_library(import.path)) {
        packages.insert(import.path);
        parse_into(library->file, library->text, true);
      }
    }
  }
  if (diagnostics.has_errors()) return std::nullopt;
  return check(std::move(modules), diagnostics);
}

std::optional<checker::CheckedProgram> load_policies(const std::vector<std::string>& paths_or_dirs,
                                                     diagnostics::DiagnosticList& diagnostics,
                                                     SourceSet* sources,
                                                     const limits::Limits& limits) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const std::string& file : policy_files(paths_or_dirs, diagnostics)) {
    std::error_code ec;
    if (const std::uintmax_t size = std::filesystem::file_size(file, ec);
        !ec && size > limits.policy_source_bytes) {
      diagnostics.error(file, {}, source_too_large(size, limits));
      continue;
    }
    auto text = read_file(file);
    if (!text) {
      diagnostics.error(file, {}, "cannot read this policy file");
      continue;
    }
    files.emplace_back(file, std::move(*text));
  }
  if (diagnostics.has_errors()) return std::nullopt;
  return load_sources(files, diagnostics, sources, limits);
}

std::string render(const diagnostics::Diagnostic& diagnostic, const SourceSet& sources,
                   bool color) {
  return diagnostics::render(diagnostic, sources.find(diagnostic.file), color);
}

}  // namespace taskguard::frontend
