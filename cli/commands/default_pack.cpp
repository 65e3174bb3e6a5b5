#include "cli/commands/default_pack.hpp"

#include <span>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "language/bundle/bundle.hpp"
#include "language/frontend/frontend.hpp"

namespace taskguard::embedded {
// policies/CMakeLists.txt: policies/*.tg compiled at build time by taskguard-compile.
std::string_view default_bundle();
// The same sources as text: (policies/NAME.tg, text).
std::span<const std::pair<std::string_view, std::string_view>> default_pack_sources();
}  // namespace taskguard::embedded

namespace taskguard::cli {

std::shared_ptr<const program::Program> default_pack() {
  // Decoded (digest, verification) once; the Program is immutable and shared afterwards.
  static const std::shared_ptr<const program::Program> pack = [] {
    try {
      return bundle::read(embedded::default_bundle());
    } catch (const bundle::BundleError& e) {
      throw std::runtime_error(std::string("the embedded policy pack is unusable: ") + e.what());
    }
  }();
  return pack;
}

std::vector<std::pair<std::string, std::string>> default_pack_source_files() {
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& [file, text] : embedded::default_pack_sources())
    files.emplace_back(std::string(file), std::string(text));
  return files;
}

void register_pack_libraries() {
  for (const auto& [file, text] : embedded::default_pack_sources()) {
    // The package is declared on the file's first `package` line (docs/language.md §2).
    std::istringstream lines{std::string(text)};
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind("package ", 0) != 0) continue;
      std::string package = line.substr(8);
      while (!package.empty() && (package.back() == ' ' || package.back() == '\r'))
        package.pop_back();
      frontend::register_library(package, std::string(file), std::string(text));
      break;
    }
  }
}

}  // namespace taskguard::cli
