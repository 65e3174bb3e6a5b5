#include "language/checker/checker.hpp"

#include <fmt/core.h>

#include <map>

#include "language/checker/annotations.hpp"
#include "language/checker/dependency_cycles.hpp"
#include "language/checker/expression_checker.hpp"
#include "language/diagnostics/suggestion.hpp"
#include "stdlib/builtins/catalog.hpp"

namespace taskguard::checker {
namespace {

std::string where(const std::string& file, const ast::SourceRange& r) {
  return fmt::format("{}:{}:{}", file, r.begin.line, r.begin.column);
}

bool is_builtin_namespace(std::string_view ns) {
  for (const auto& b : builtins::catalog()) {
    if (b.name.size() > ns.size() && b.name.substr(0, ns.size()) == ns &&
        b.name[ns.size()] == '.') {
      return true;
    }
  }
  return false;
}

std::vector<std::string> builtin_namespaces() {
  std::vector<std::string> out;
  for (const auto& b : builtins::catalog()) {
    const auto dot = b.name.find('.');
    if (dot == std::string_view::npos) continue;
    std::string ns(b.name.substr(0, dot));
    if (std::find(out.begin(), out.end(), ns) == out.end()) out.push_back(std::move(ns));
  }
  return out;
}

// A module without `package` is its own anonymous package.
std::string package_key(const ast::Module& m) {
  return m.package.empty() ? "<" + m.file + ">" : m.package;
}

// `at` must name a value in the document: a path rooted at `task` or at a binding.
bool is_document_path(const ast::Expr& e) {
  if (const auto* n = std::get_if<ast::Name>(&e.node)) {
    return n->kind == ast::NameKind::Task || n->kind == ast::NameKind::Binding;
  }
  if (const auto* m = std::get_if<ast::Member>(&e.node)) return is_document_path(*m->base);
  if (const auto* i = std::get_if<ast::Index>(&e.node)) return is_document_path(*i->base);
  return false;
}

class Checker {
 public:
  Checker(std::vector<std::unique_ptr<ast::Module>>& modules, const schema::Schema& schema,
          diagnostics::DiagnosticList& diagnostics)
      : modules_(modules), schema_(schema), diagnostics_(diagnostics) {}

  std::optional<CheckedProgram> run();

 private:
  void index_declarations();
  void resolve_imports();
  void check_constants();
  void check_functions();
  void check_rules();
  void report_cycles();
  void report_unused_constants();
  void report_duplicate_rules();
  std::vector<std::string> parameters_read(const References& refs) const;

  ExpressionChecker expression_checker(std::uint32_t module, LocalScope& locals, References& refs) {
    return ExpressionChecker(schema_, index_, index_.scopes[module], types_, locals, refs,
                             diagnostics_, modules_[module]->file);
  }

  std::vector<std::unique_ptr<ast::Module>>& modules_;
  const schema::Schema& schema_;
  diagnostics::DiagnosticList& diagnostics_;
  ProgramIndex index_;
  DeclarationTypes types_;
  // Dependency graph over constants (nodes 0..c-1) and functions (nodes c..c+f-1).
  std::vector<References> constant_refs_;
  std::vector<References> function_refs_;
  std::vector<const ast::Rule*> rules_;
  std::vector<RuleMetadata> metadata_;
  std::vector<References> rule_refs_;
};

void Checker::index_declarations() {
  index_.scopes.resize(modules_.size());
  for (std::uint32_t mi = 0; mi < modules_.size(); ++mi) {
    ast::Module& m = *modules_[mi];
    PackageDeclarations& package = index_.packages[package_key(m)];
    index_.scopes[mi].own = &package;
    // One namespace per package for lets, params and fns: a name means one thing.
    auto claim = [&](const std::string& name, const ast::SourceRange& range) {
      if (package.constants.count(name) != 0 || package.functions.count(name) != 0) {
        diagnostics_.error(m.file, range,
                           fmt::format("`{}` is declared twice in package `{}`", name,
                                       m.package.empty() ? m.file : m.package));
        return false;
      }
      if (name == "task") {
        diagnostics_.error(m.file, range,
                           "`task` is the task definition being checked; choose "
                           "another name");
        return false;
      }
      return true;
    };
    for (ast::Let& let : m.lets) {
      const auto slot = static_cast<std::uint32_t>(index_.constants.size());
      index_.constants.push_back(&let);
      index_.constant_module.push_back(mi);
      if (claim(let.name, let.name_range)) package.constants[let.name] = slot;
    }
    for (ast::Function& fn : m.functions) {
      const auto id = static_cast<std::uint32_t>(index_.functions.size());
      index_.functions.push_back(&fn);
      index_.function_module.push_back(mi);
      if (claim(fn.name, fn.name_range)) package.functions[fn.name] = id;
    }
  }
  types_.constants.assign(index_.constants.size(), Type::any());
  types_.functions.assign(index_.functions.size(), Type::any());
  constant_refs_.resize(index_.constants.size());
  function_refs_.resize(index_.functions.size());
}

void Checker::resolve_imports() {
  for (std::uint32_t mi = 0; mi < modules_.size(); ++mi) {
    const ast::Module& m = *modules_[mi];
    ModuleScope& scope = index_.scopes[mi];
    for (const ast::Import& import : m.imports) {
      std::string alias = import.alias;
      if (import.path.rfind("std.", 0) == 0) {
        const std::string ns = import.path.substr(4);
        if (!is_builtin_namespace(ns)) {
          diagnostics_.error(m.file, import.range,
                             fmt::format("there is no standard module `{}`", import.path),
                             diagnostics::did_you_mean(ns, builtin_namespaces()));
          continue;
        }
        if (alias.empty()) alias = ns;
        if (scope.namespaces.count(alias) || scope.packages.count(alias)) {
          diagnostics_.error(m.file, import.range, fmt::format("`{}` is imported twice", alias),
                             "give one of them another name with `as`");
          continue;
        }
        scope.namespaces[alias] = ns;
        continue;
      }
      if (import.path == m.package) {
        diagnostics_.error(m.file, import.range, "a package cannot import itself");
        continue;
      }
      const auto package = index_.packages.find(import.path);
      if (package == index_.packages.end()) {
        diagnostics_.error(
            m.file, import.range,
            fmt::format("package `{}` not found; compile it together with --policy", import.path));
        continue;
      }
      if (alias.empty()) alias = import.path.substr(import.path.rfind('.') + 1);
      if (scope.namespaces.count(alias) || scope.packages.count(alias)) {
        diagnostics_.error(m.file, import.range, fmt::format("`{}` is imported twice", alias),
                           "give one of them another name with `as`");
        continue;
      }
      scope.packages[alias] = &package->second;
      scope.package_names[alias] = import.path;
    }
  }
}

void Checker::check_constants() {
  for (std::uint32_t slot = 0; slot < index_.constants.size(); ++slot) {
    ast::Let& let = *index_.constants[slot];
    const std::uint32_t mi = index_.constant_module[slot];
    check_declaration_annotations(let.annotations, let.is_parameter ? "a param" : "a let",
                                  modules_[mi]->file, diagnostics_);
    LocalScope locals;
    auto checker = expression_checker(mi, locals, constant_refs_[slot]);
    types_.constants[slot] = checker.check(*let.value);
  }
}

void Checker::check_functions() {
  for (std::uint32_t id = 0; id < index_.functions.size(); ++id) {
    ast::Function& fn = *index_.functions[id];
    const std::uint32_t mi = index_.function_module[id];
    const std::string& file = modules_[mi]->file;
    check_declaration_annotations(fn.annotations, "a fn", file, diagnostics_);
    LocalScope locals;
    for (std::size_t p = 0; p < fn.params.size(); ++p) {
      const ast::SourceRange range =
          p < fn.param_ranges.size() ? fn.param_ranges[p] : fn.name_range;
      if (locals.find(fn.params[p]) || fn.params[p] == "task") {
        diagnostics_.error(file, range,
                           fmt::format("parameter `{}` is already defined", fn.params[p]));
      }
      locals.bind({fn.params[p], ast::NameKind::FnParam, 0, Type::any(), nullptr, range, false});
    }
    auto checker = expression_checker(mi, locals, function_refs_[id]);
    types_.functions[id] = checker.check(*fn.body);
    checker.report_unused(locals.pop_to(0), "parameter");
    fn.slot_count = locals.slot_count();
  }
}

void Checker::check_rules() {
  for (std::uint32_t mi = 0; mi < modules_.size(); ++mi) {
    ast::Module& m = *modules_[mi];
    for (ast::Rule& rule : m.rules) {
      References refs;
      LocalScope locals;
      auto checker = expression_checker(mi, locals, refs);
      for (ast::Clause& clause : rule.clauses) {
        if (clause.kind == ast::Clause::Kind::When) {
          checker.check_condition(*clause.expr, "`when`");
          continue;
        }
        const auto [element, field] = checker.check_collection(*clause.expr, "`for`");
        if (clause.variable == "task" || locals.find(clause.variable) ||
            index_.scopes[mi].own->constants.count(clause.variable) != 0) {
          diagnostics_.error(
              m.file, clause.variable_range,
              fmt::format("`{}` is already defined; choose another name", clause.variable));
        }
        LocalName& bound = locals.bind({clause.variable, ast::NameKind::Binding, 0, element, field,
                                        clause.variable_range, false});
        clause.slot = bound.slot;
      }
      checker.check_condition(*rule.condition,
                              rule.verdict == ast::Rule::Verdict::Deny ? "`deny`" : "`require`");
      if (rule.message) checker.check(*rule.message);
      if (rule.location) {
        checker.check(*rule.location);
        if (!is_document_path(*rule.location)) {
          diagnostics_.error(m.file, rule.location->range,
                             "`at` needs a path into the task definition, like `c.privileged`");
        }
      }
      checker.report_unused(locals.pop_to(0), "binding");
      rule.slot_count = locals.slot_count();
      rules_.push_back(&rule);
      metadata_.push_back(rule_metadata(rule, m.package, m.file, diagnostics_));
      rule_refs_.push_back(std::move(refs));
    }
  }
}

void Checker::report_cycles() {
  const auto constants = static_cast<std::uint32_t>(index_.constants.size());
  std::vector<std::set<std::uint32_t>> edges(constants + index_.functions.size());
  auto add_edges = [&](std::uint32_t node, const References& refs) {
    for (auto c : refs.constants)
      edges[node].insert(c);
    for (auto f : refs.functions)
      edges[node].insert(constants + f);
  };
  for (std::uint32_t c = 0; c < constants; ++c)
    add_edges(c, constant_refs_[c]);
  for (std::uint32_t f = 0; f < index_.functions.size(); ++f)
    add_edges(constants + f, function_refs_[f]);
  auto name_of = [&](std::uint32_t node) {
    return node < constants ? index_.constants[node]->name
                            : index_.functions[node - constants]->name;
  };
  for (const auto& cycle : find_cycles(edges)) {
    std::string chain;
    for (std::size_t i = 0; i < cycle.size(); ++i)
      chain += (i ? " -> " : "") + name_of(cycle[i]);
    const std::uint32_t first = cycle.front();
    const bool is_constant = first < constants;
    const std::uint32_t mi =
        is_constant ? index_.constant_module[first] : index_.function_module[first - constants];
    const ast::SourceRange range = is_constant ? index_.constants[first]->name_range
                                               : index_.functions[first - constants]->name_range;
    diagnostics_.error(modules_[mi]->file, range,
                       fmt::format("`{}` depends on itself: {}", name_of(first), chain),
                       "policies must terminate, so recursion is not allowed; unroll it or use a "
                       "quantifier over the collection");
  }
}

void Checker::report_unused_constants() {
  std::set<std::uint32_t> used;
  auto collect = [&](const References& r) { used.insert(r.constants.begin(), r.constants.end()); };
  for (const auto& r : constant_refs_)
    collect(r);
  for (const auto& r : function_refs_)
    collect(r);
  for (const auto& r : rule_refs_)
    collect(r);
  for (std::uint32_t slot = 0; slot < index_.constants.size(); ++slot) {
    const ast::Let& let = *index_.constants[slot];
    if (used.count(slot) || let.name.rfind('_', 0) == 0) continue;
    diagnostics_.warning(
        modules_[index_.constant_module[slot]]->file, let.name_range,
        fmt::format("{} `{}` is never used", let.is_parameter ? "param" : "let", let.name),
        "remove it, or use it in a rule");
  }
}

void Checker::report_duplicate_rules() {
  std::map<std::string, std::size_t> ids;
  std::map<std::pair<std::string, std::string>, std::size_t> names;
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    const RuleMetadata& meta = metadata_[i];
    if (!meta.id.empty()) {
      const auto [it, inserted] = ids.emplace(meta.id, i);
      if (!inserted) {
        const ast::Rule& first = *rules_[it->second];
        diagnostics_.error(
            meta.file, rules_[i]->name_range,
            fmt::format("rule id \"{}\" is already used by rule `{}`", meta.id, first.name),
            "first declared at " + where(metadata_[it->second].file, first.name_range));
      }
    }
    const auto [it, inserted] = names.emplace(std::make_pair(meta.package, meta.name), i);
    if (!inserted && !meta.package.empty()) {
      diagnostics_.error(
          meta.file, rules_[i]->name_range,
          fmt::format("rule `{}` is declared twice in package `{}`", meta.name, meta.package),
          "first declared at " + where(metadata_[it->second].file, rules_[it->second]->name_range));
    }
  }
}

// The params a rule reads, directly or through the constants and functions it uses.
std::vector<std::string> Checker::parameters_read(const References& refs) const {
  const auto constants = static_cast<std::uint32_t>(index_.constants.size());
  std::set<std::uint32_t> seen;
  std::vector<std::uint32_t> work;
  auto push = [&](const References& r) {
    for (auto c : r.constants)
      work.push_back(c);
    for (auto f : r.functions)
      work.push_back(constants + f);
  };
  push(refs);
  std::vector<std::string> out;
  while (!work.empty()) {
    const std::uint32_t node = work.back();
    work.pop_back();
    if (!seen.insert(node).second) continue;
    if (node >= constants) {
      push(function_refs_[node - constants]);
      continue;
    }
    push(constant_refs_[node]);
    const ast::Let& let = *index_.constants[node];
    if (!let.is_parameter) continue;
    // Qualified by package when another package declares a param of the same name.
    bool ambiguous = false;
    for (const ast::Let* other : index_.constants) {
      ambiguous |= other != &let && other->is_parameter && other->name == let.name;
    }
    const std::string& package = modules_[index_.constant_module[node]]->package;
    out.push_back(ambiguous && !package.empty() ? package + "." + let.name : let.name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<CheckedProgram> Checker::run() {
  index_declarations();
  resolve_imports();
  check_constants();
  check_functions();
  check_rules();
  report_cycles();
  report_unused_constants();
  report_duplicate_rules();
  for (std::size_t i = 0; i < rules_.size(); ++i)
    metadata_[i].parameters = parameters_read(rule_refs_[i]);
  if (diagnostics_.has_errors()) return std::nullopt;

  CheckedProgram program;
  program.constants.assign(index_.constants.begin(), index_.constants.end());
  program.functions.assign(index_.functions.begin(), index_.functions.end());
  program.rules = rules_;
  program.metadata = std::move(metadata_);
  program.modules = std::move(modules_);
  return program;
}

}  // namespace

std::optional<CheckedProgram> check(std::vector<std::unique_ptr<ast::Module>> modules,
                                    const schema::Schema& schema,
                                    diagnostics::DiagnosticList& diagnostics) {
  return Checker(modules, schema, diagnostics).run();
}

}  // namespace taskguard::checker
