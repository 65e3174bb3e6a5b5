#include "language/program/program.hpp"

#include <fmt/core.h>
#include <re2/re2.h>
#include <re2/set.h>

#include "language/bytecode/verifier.hpp"
#include "stdlib/builtins/catalog.hpp"

namespace taskguard::program {

namespace {

void validate_constants(const std::vector<Constant>& constants) {
  for (std::size_t i = 0; i < constants.size(); ++i) {
    const Constant& c = constants[i];
    // Children come before their parent, so constants can never form a cycle.
    for (std::uint32_t item : c.items) {
      if (item >= i) throw InvalidProgram(fmt::format("constant {} refers forward to {}", i, item));
    }
    if (c.kind == Constant::Kind::Object) {
      if (c.items.size() % 2 != 0) throw InvalidProgram(fmt::format("constant {} is malformed", i));
      for (std::size_t k = 0; k < c.items.size(); k += 2) {
        if (constants[c.items[k]].kind != Constant::Kind::String) {
          throw InvalidProgram(fmt::format("constant {} has a non-string key", i));
        }
      }
    } else if (c.kind != Constant::Kind::List && !c.items.empty()) {
      throw InvalidProgram(fmt::format("constant {} is malformed", i));
    }
  }
}

}  // namespace

Program::~Program() = default;

const RegexConstant* Program::regex(std::uint32_t constant) const {
  if (parts_.constants[constant].kind != Constant::Kind::Regex) return nullptr;
  return &regexes_[constant];
}

std::shared_ptr<const Program> Program::create(ProgramParts parts) {
  std::shared_ptr<Program> p(new Program());
  validate_constants(parts.constants);

  // Syntax only: RE2::Set::Add parses a pattern without compiling it, a small fraction of the
  // cost (loading the default pack's bundle: 12 ms -> 0.9 ms). Each VM compiles the regexes it
  // uses, on first use (regex_constant.hpp).
  p->regexes_.resize(parts.constants.size());
  for (std::size_t i = 0; i < parts.constants.size(); ++i) {
    const Constant& c = parts.constants[i];
    if (c.kind != Constant::Kind::Regex) continue;
    p->regexes_[i] = RegexConstant{c.text, static_cast<std::uint32_t>(i)};
    RE2::Options options;
    options.set_log_errors(false);
    std::string error;
    if (RE2::Set(options, RE2::UNANCHORED).Add(c.text, &error) < 0) {
      throw InvalidProgram(fmt::format("invalid regular expression /{}/: {}", c.text, error));
    }
  }

  const schema::Schema& schema = schema::Schema::task_definition();
  for (Key& key : parts.keys) {
    key.id = key.lookup == KeyLookup::Name ? schema::kNoKey : schema.key(key.name);
    if (key.lookup == KeyLookup::Id && key.id == schema::kNoKey) {
      throw InvalidProgram(fmt::format("field `{}` is not in this version's schema", key.name));
    }
  }

  for (const std::string& name : parts.builtins) {
    auto index = builtins::find(name);
    if (!index) throw InvalidProgram(fmt::format("unknown builtin function `{}`", name));
    p->builtin_indices_.push_back(*index);
  }

  for (const Parameter& param : parts.parameters) {
    if (param.default_value >= parts.constants.size()) {
      throw InvalidProgram(fmt::format("parameter `{}` has no valid default", param.name));
    }
  }

  for (Rule& rule : parts.rules) {
    if (!rule.metadata) throw InvalidProgram("a rule has no metadata");
    bytecode::VerifierLimits limits{parts.constants,       parts.keys.size(),
                                    parts.builtins.size(), parts.parameters.size(),
                                    rule.local_count,      rule.iterator_count};
    auto verdict = bytecode::verify(rule.code, limits);
    if (!verdict.ok) {
      throw InvalidProgram(
          fmt::format("rule `{}` has invalid bytecode: {}", rule.metadata->name, verdict.error));
    }
    rule.max_stack = verdict.max_stack;
  }

  p->parts_ = std::move(parts);
  return p;
}

}  // namespace taskguard::program
