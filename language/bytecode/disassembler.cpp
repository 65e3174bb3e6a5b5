#include "language/bytecode/disassembler.hpp"

#include <fmt/core.h>

#include "language/bytecode/chunk.hpp"

namespace taskguard::bytecode {

namespace {

std::string quote_text(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string constant_text(const program::Program& p, std::uint32_t index, int depth = 0) {
  const program::Constant& c = p.constants()[index];
  using Kind = program::Constant::Kind;
  switch (c.kind) {
    case Kind::Null:
      return "null";
    case Kind::Bool:
      return c.boolean ? "true" : "false";
    case Kind::Number:
      return fmt::format("{}", c.number);
    case Kind::String:
      return quote_text(c.text);
    case Kind::Regex:
      return "/" + c.text + "/";
    case Kind::List:
    case Kind::Object: {
      if (depth > 2) return c.kind == Kind::List ? "[...]" : "{...}";
      std::string out = c.kind == Kind::List ? "[" : "{";
      for (std::size_t i = 0; i < c.items.size(); ++i) {
        if (i > 0) out += c.kind == Kind::Object && i % 2 == 1 ? ": " : ", ";
        out += constant_text(p, c.items[i], depth + 1);
      }
      return out + (c.kind == Kind::List ? "]" : "}");
    }
  }
  return "?";
}

std::string operand_text(const program::Program& p, Operand kind, std::uint32_t v) {
  switch (kind) {
    case Operand::Const:
      return fmt::format("#{} {}", v, constant_text(p, v));
    case Operand::OptConst:
      return v == kNoConstant ? "no-default"
                              : fmt::format("default #{} {}", v, constant_text(p, v));
    case Operand::Key:
      return fmt::format("key {} {}", v, quote_text(p.keys()[v].name));
    case Operand::Local:
      return fmt::format("local {}", v);
    case Operand::Iter:
      return fmt::format("iter {}", v);
    case Operand::Jump:
      return fmt::format("-> {:04}", v);
    case Operand::Builtin:
      return fmt::format("{}", p.builtin_names()[v]);
    case Operand::Param:
      return fmt::format("param {}", p.parameters()[v].name);
    case Operand::Count:
      return fmt::format("n={}", v);
    case Operand::ArgCount:
      return fmt::format("argc={}", v);
    case Operand::Verdict:
      return v == 0 ? "deny" : "require";
    case Operand::Quantifier:
      return v == 0 ? "any" : v == 1 ? "all" : "count";
    case Operand::None:
      return {};
  }
  return {};
}

}  // namespace

std::string disassemble(const program::Program& p, std::size_t rule_index) {
  const program::Rule& rule = p.rules().at(rule_index);
  const RuleMetadata& m = *rule.metadata;
  std::string out =
      fmt::format("rule {} {} ({}:{})\n", m.id.empty() ? "-" : m.id, m.name, m.file, m.line);
  out += fmt::format("  ; {} bytes, {} locals, {} iterators, stack {}, cost {}\n", rule.code.size(),
                     rule.local_count, rule.iterator_count, rule.max_stack, rule.cost);
  for (std::size_t at = 0; at < rule.code.size();) {
    auto in = decode(rule.code, at);
    if (!in) {
      out += fmt::format("  {:04}  <invalid>\n", at);
      break;
    }
    std::string line = fmt::format("  {:04}  {:<14}", at, in->info->name);
    for (std::size_t i = 0; i < 3; ++i) {
      if (in->info->operands[i] == Operand::None) continue;
      line += "  " + operand_text(p, in->info->operands[i], in->operands[i]);
    }
    while (!line.empty() && line.back() == ' ')
      line.pop_back();
    out += line + "\n";
    at += in->length;
  }
  return out;
}

std::string disassemble(const program::Program& p) {
  std::string out = fmt::format("; compiled by taskguard {}\n", p.compiler_version());
  out += fmt::format("constants ({})\n", p.constants().size());
  for (std::uint32_t i = 0; i < p.constants().size(); ++i) {
    out += fmt::format("  #{:<4} {}\n", i, constant_text(p, i));
  }
  out += fmt::format("keys ({})\n", p.keys().size());
  for (std::size_t i = 0; i < p.keys().size(); ++i) {
    const program::Key& k = p.keys()[i];
    const char* lookup = k.lookup == program::KeyLookup::Id     ? "schema key"
                         : k.lookup == program::KeyLookup::Name ? "map key"
                                                                : "schema key or name";
    out += fmt::format("  {:<5} {} ({})\n", i, quote_text(k.name), lookup);
  }
  out += fmt::format("builtins ({})\n", p.builtin_names().size());
  for (std::size_t i = 0; i < p.builtin_names().size(); ++i) {
    out += fmt::format("  {:<5} {}\n", i, p.builtin_names()[i]);
  }
  out += fmt::format("parameters ({})\n", p.parameters().size());
  for (const program::Parameter& param : p.parameters()) {
    out += fmt::format("  {}.{} = {}\n", param.package, param.name,
                       constant_text(p, param.default_value));
  }
  for (std::size_t r = 0; r < p.rules().size(); ++r)
    out += "\n" + disassemble(p, r);
  return out;
}

}  // namespace taskguard::bytecode
