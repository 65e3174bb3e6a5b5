#pragma once
// Test support: policy source → CheckedProgram without the full checker. It resolves names and
// calls exactly as the checker's contract says (NameKind, slots, call targets) and leaves every
// type `any`, so the compiler has to find struct types and defaults itself: that is the harder
// path, and the one these tests mean to exercise.

#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "language/checker/checked_program.hpp"
#include "language/parser/parser.hpp"
#include "stdlib/builtins/catalog.hpp"

namespace taskguard::engine_test {

class Resolver {
 public:
  explicit Resolver(checker::CheckedProgram& program) : program_(program) {}

  void declare(ast::Module& module) {
    for (ast::Let& let : module.lets) {
      constants_[let.name] = static_cast<std::uint32_t>(program_.constants.size());
      program_.constants.push_back(&let);
    }
    for (ast::Function& fn : module.functions) {
      functions_[fn.name] = static_cast<std::uint32_t>(program_.functions.size());
      program_.functions.push_back(&fn);
    }
  }

  void resolve(ast::Module& module) {
    for (ast::Let& let : module.lets)
      expr(*let.value);
    for (ast::Function& fn : module.functions) {
      scope_ = {};
      for (const std::string& p : fn.params)
        scope_.push_back({p, ast::NameKind::FnParam});
      expr(*fn.body);
    }
    for (ast::Rule& rule : module.rules) {
      scope_ = {};
      for (ast::Clause& clause : rule.clauses) {
        expr(*clause.expr);
        if (clause.kind == ast::Clause::Kind::For) {
          scope_.push_back({clause.variable, ast::NameKind::Binding});
        }
      }
      expr(*rule.condition);
      if (rule.message) expr(*rule.message);
      if (rule.location) expr(*rule.location);
      program_.rules.push_back(&rule);
      program_.metadata.push_back(metadata(module, rule));
    }
  }

 private:
  struct Local {
    std::string name;
    ast::NameKind kind;
  };

  static std::string text_arg(const ast::Annotation& a) {
    if (a.args.empty()) return {};
    if (const auto* s = std::get_if<ast::StringLit>(&a.args[0]->node)) return s->value;
    if (const auto* n = std::get_if<ast::Name>(&a.args[0]->node)) return n->name;
    return {};
  }

  RuleMetadata metadata(const ast::Module& module, const ast::Rule& rule) {
    RuleMetadata m;
    m.name = rule.name;
    m.package = module.package;
    m.file = module.file;
    m.line = rule.range.begin.line;
    for (const ast::Annotation& a : rule.annotations) {
      if (a.name == "id") m.id = text_arg(a);
      if (a.name == "title") m.title = text_arg(a);
      if (a.name == "severity") parse_severity(text_arg(a), m.severity);
    }
    return m;
  }

  void expr(ast::Expr& e) {
    std::visit(
        [&](auto& node) {
          using T = std::decay_t<decltype(node)>;
          if constexpr (std::is_same_v<T, ast::Name>) {
            for (auto it = scope_.rbegin(); it != scope_.rend(); ++it) {
              if (it->name == node.name) {
                node.kind = it->kind;
                return;
              }
            }
            if (node.name == "task") {
              node.kind = ast::NameKind::Task;
            } else if (auto c = constants_.find(node.name); c != constants_.end()) {
              node.slot = c->second;
              node.kind = program_.constants[c->second]->is_parameter ? ast::NameKind::Parameter
                                                                      : ast::NameKind::Constant;
            } else {
              throw std::runtime_error("unresolved name " + node.name);
            }
          } else if constexpr (std::is_same_v<T, ast::ListLit>) {
            for (auto& item : node.items)
              expr(*item);
          } else if constexpr (std::is_same_v<T, ast::Member>) {
            expr(*node.base);
          } else if constexpr (std::is_same_v<T, ast::Index>) {
            expr(*node.base);
            expr(*node.index);
          } else if constexpr (std::is_same_v<T, ast::Call>) {
            for (auto& arg : node.args)
              expr(*arg);
            if (auto f = functions_.find(node.callee); f != functions_.end()) {
              node.target = ast::Call::Target::Function;
              node.target_index = f->second;
            } else if (auto b = builtins::find(node.callee)) {
              node.target = ast::Call::Target::Builtin;
              node.target_index = *b;
            } else {
              throw std::runtime_error("unresolved call " + node.callee);
            }
          } else if constexpr (std::is_same_v<T, ast::Unary>) {
            expr(*node.operand);
          } else if constexpr (std::is_same_v<T, ast::Binary>) {
            expr(*node.left);
            expr(*node.right);
          } else if constexpr (std::is_same_v<T, ast::Quantifier>) {
            expr(*node.collection);
            scope_.push_back({node.variable, ast::NameKind::Binding});
            expr(*node.condition);
            scope_.pop_back();
          } else if constexpr (std::is_same_v<T, ast::Interpolation>) {
            for (auto& part : node.parts) {
              if (part.expr) expr(*part.expr);
            }
          }
        },
        e.node);
  }

  checker::CheckedProgram& program_;
  std::map<std::string, std::uint32_t> constants_;
  std::map<std::string, std::uint32_t> functions_;
  std::vector<Local> scope_;
};

// Parses and resolves `sources` (file name → text); throws on any syntax error.
inline std::unique_ptr<checker::CheckedProgram> resolve_sources(
    const std::vector<std::pair<std::string, std::string>>& sources) {
  auto program = std::make_unique<checker::CheckedProgram>();
  diagnostics::DiagnosticList diagnostics;
  for (const auto& [file, text] : sources) {
    program->modules.push_back(parser::parse(text, file, diagnostics));
  }
  if (diagnostics.has_errors()) {
    const auto& d = diagnostics.items().front();
    throw std::runtime_error(d.file + ":" + std::to_string(d.range.begin.line) + ": " + d.message);
  }
  Resolver resolver(*program);
  for (auto& module : program->modules)
    resolver.declare(*module);
  for (auto& module : program->modules)
    resolver.resolve(*module);
  return program;
}

inline std::unique_ptr<checker::CheckedProgram> resolve_source(const std::string& text) {
  return resolve_sources({{"test.tg", text}});
}

}  // namespace taskguard::engine_test
