#pragma once
// Who declares what, across every module compiled together: the tables names resolve against.
// Built once before any expression is checked, so that declaration order within and across
// files does not matter for visibility.

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "language/ast/ast.hpp"

namespace taskguard::checker {

// The top-level names one package offers to whoever imports it.
struct PackageDeclarations {
  std::map<std::string, std::uint32_t, std::less<>> constants;  // name -> constant slot
  std::map<std::string, std::uint32_t, std::less<>> functions;  // name -> function index
};

// What one module can name: its own declarations and its imports.
struct ModuleScope {
  const PackageDeclarations* own = nullptr;
  std::map<std::string, std::string, std::less<>> namespaces;  // alias -> builtin namespace
  std::map<std::string, const PackageDeclarations*, std::less<>> packages;  // alias -> package
  std::map<std::string, std::string, std::less<>> package_names;            // alias -> package name
};

struct ProgramIndex {
  std::vector<ast::Let*> constants;            // slot order
  std::vector<std::uint32_t> constant_module;  // module index of each constant
  std::vector<ast::Function*> functions;       // index order
  std::vector<std::uint32_t> function_module;
  std::map<std::string, PackageDeclarations, std::less<>> packages;  // by package name
  std::vector<ModuleScope> scopes;                                   // parallel to the modules
};

}  // namespace taskguard::checker
