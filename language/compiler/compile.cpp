#include "language/compiler/compile.hpp"

#include <fmt/core.h>

#include <map>

#include "language/compiler/code_generator.hpp"
#include "taskguard/version.hpp"

namespace taskguard::compiler {

namespace {

std::string annotation_text(const std::vector<ast::Annotation>& annotations,
                            std::string_view name) {
  for (const ast::Annotation& a : annotations) {
    if (a.name != name || a.args.empty()) continue;
    if (const auto* s = std::get_if<ast::StringLit>(&a.args[0]->node)) return s->value;
  }
  return {};
}

}  // namespace

std::shared_ptr<const program::Program> compile(const checker::CheckedProgram& checked,
                                                diagnostics::DiagnosticList& diagnostics) {
  diagnostics::DiagnosticList local;
  Pools pools;
  CodeGenerator generator(checked, pools, local);
  program::ProgramParts parts;
  parts.compiler_version = kVersion;

  // Which module declared what, for packages and file names.
  std::map<const void*, const ast::Module*> owner;
  for (const auto& module : checked.modules) {
    for (const ast::Let& let : module->lets)
      owner[&let] = module.get();
    for (const ast::Rule& rule : module->rules)
      owner[&rule] = module.get();
  }

  for (const ast::Let* let : checked.constants) {
    if (!let->is_parameter) continue;
    const ast::Module* module = owner.count(let) ? owner[let] : nullptr;
    auto value = let->value ? generator.fold(*let->value) : std::nullopt;
    if (!value) {
      local.error(module ? module->file : std::string(), let->range,
                  fmt::format("the default of parameter `{}` must be a constant", let->name),
                  "write a literal value: a string, number, bool or a list of them");
      continue;
    }
    program::Parameter p;
    p.name = let->name;
    p.package = module ? module->package : std::string();
    p.doc = annotation_text(let->annotations, "doc");
    p.default_value = pools.constant(*value);
    generator.declare_parameter(let, static_cast<std::uint32_t>(parts.parameters.size()));
    parts.parameters.push_back(std::move(p));
  }

  for (std::size_t i = 0; i < checked.rules.size(); ++i) {
    const ast::Rule& rule = *checked.rules[i];
    RuleMetadata metadata = i < checked.metadata.size() ? checked.metadata[i] : RuleMetadata{};
    if (metadata.name.empty()) metadata.name = rule.name;
    const ast::Module* module = owner.count(&rule) ? owner[&rule] : nullptr;
    if (module != nullptr && module->library) continue;
    const std::string file = module ? module->file : metadata.file;
    // The metadata is finished after compiling, when we know which parameters the rule reads.
    auto shared = std::make_shared<RuleMetadata>(std::move(metadata));
    program::Rule compiled = generator.compile_rule(rule, shared, file);
    if (shared->parameters.empty()) shared->parameters = generator.parameters_read();
    if (shared->file.empty()) shared->file = file;
    if (shared->line == 0) shared->line = rule.range.begin.line;
    if (shared->package.empty() && module != nullptr) shared->package = module->package;
    parts.rules.push_back(std::move(compiled));
  }

  parts.constants = pools.take_constants();
  parts.keys = pools.take_keys();
  parts.builtins = pools.take_builtins();
  diagnostics.append(local);
  if (local.has_errors()) return nullptr;
  try {
    return program::Program::create(std::move(parts));
  } catch (const std::exception& e) {
    diagnostics.error({}, {}, fmt::format("internal compiler error: {}", e.what()));
    return nullptr;
  }
}

}  // namespace taskguard::compiler
