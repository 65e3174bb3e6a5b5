#include "cli/commands/inspect.hpp"

#include <fmt/core.h>

#include <iostream>

#include "cli/app.hpp"
#include "language/bundle/bundle.hpp"

namespace taskguard::cli {

namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items)
    out += (out.empty() ? "" : ", ") + s;
  return out.empty() ? "-" : out;
}

void print(const program::Program& p, const bundle::BundleInfo& info, std::ostream& out) {
  std::size_t code = 0;
  for (const program::Rule& r : p.rules())
    code += r.code.size();
  out << fmt::format("format version    {}\n", info.format_version);
  out << fmt::format("compiled by       taskguard {}\n", p.compiler_version());
  out << fmt::format("sha256            {}\n", info.digest);
  out << fmt::format("size              {} bytes ({} payload)\n", info.total_size,
                     info.payload_size);
  out << fmt::format("pools             {} constants, {} keys, {} builtins, {} bytes of code\n",
                     p.constants().size(), p.keys().size(), p.builtin_names().size(), code);
  out << fmt::format("parameters        {}\n", p.parameters().size());
  for (const program::Parameter& param : p.parameters()) {
    out << fmt::format("  {}.{}{}\n", param.package, param.name,
                       param.doc.empty() ? "" : "  " + param.doc);
  }
  out << fmt::format("rules             {}\n", p.rules().size());
  for (const program::Rule& r : p.rules()) {
    const RuleMetadata& m = *r.metadata;
    out << fmt::format("\n  {} {}  [{}]\n", m.id.empty() ? "-" : m.id, m.name,
                       severity_name(m.severity));
    if (!m.title.empty()) out << fmt::format("    title       {}\n", m.title);
    out << fmt::format("    package     {}  ({}:{})\n", m.package, m.file, m.line);
    out << fmt::format("    OWASP NHI   {}\n", joined(m.owasp_nhi));
    out << fmt::format("    NIST CSF    {}\n", joined(m.nist_csf));
    out << fmt::format("    AWS         {}\n", joined(m.aws));
    if (!m.parameters.empty()) out << fmt::format("    parameters  {}\n", joined(m.parameters));
    if (m.sensitive) out << "    sensitive   yes (reporters mask the value)\n";
    out << fmt::format("    code        {} bytes, {} locals, {} iterators, stack {}\n",
                       r.code.size(), r.local_count, r.iterator_count, r.max_stack);
    out << fmt::format("    cost        {} instructions at most\n", r.cost);
  }
}

}  // namespace

void register_inspect(CLI::App& app, int& exit_code) {
  auto path = std::make_shared<std::string>();
  CLI::App* command = app.add_subcommand("inspect", "Show what a bundle (.tgb) holds");
  command->add_option("bundle", *path, "Bundle file")->required();
  command->callback([path, &exit_code] {
    bundle::BundleInfo info;
    try {
      auto program = bundle::read_file(*path, &info);
      print(*program, info, std::cout);
      exit_code = kExitOk;
    } catch (const bundle::BundleError& e) {
      std::cerr << "error: " << e.what() << "\n";
      exit_code = kExitUsage;
    }
  });
}

}  // namespace taskguard::cli
