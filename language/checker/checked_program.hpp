#pragma once
// The checker's output and the compiler's input: every module of one compilation, with names
// resolved, types set, and the cross-module tables the compiler indexes into.

#include <memory>
#include <vector>

#include "language/ast/ast.hpp"
#include "language/program/rule_metadata.hpp"

namespace taskguard::checker {

struct CheckedProgram {
  std::vector<std::unique_ptr<ast::Module>> modules;  // owns every node below
  // ast::Name{Constant or Parameter}.slot indexes this table (all modules, declaration order).
  std::vector<const ast::Let*> constants;
  // ast::Call{Target::Function}.target_index indexes this table.
  std::vector<const ast::Function*> functions;
  // Every rule to evaluate, in a deterministic order (module order, then declaration order).
  std::vector<const ast::Rule*> rules;
  std::vector<RuleMetadata> metadata;  // parallel to `rules`, built from annotations
};

}  // namespace taskguard::checker
