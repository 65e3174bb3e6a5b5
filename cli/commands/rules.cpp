#include "cli/commands/rules.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

#include "cli/app.hpp"
#include "cli/commands/policy_loading.hpp"

namespace taskguard::cli {
namespace {

using Kind = program::Constant::Kind;

struct RuleView {
  const program::Program* program;
  const RuleMetadata* rule;
};

std::vector<RuleView> all_rules(const ProgramList& programs) {
  std::vector<RuleView> out;
  for (const auto& p : programs) {
    for (const auto& r : p->rules())
      out.push_back({p.get(), r.metadata.get()});
  }
  return out;
}

nlohmann::json constant_json(const program::Program& program, std::uint32_t index) {
  const auto& c = program.constants().at(index);
  switch (c.kind) {
    case Kind::Null:
      return nullptr;
    case Kind::Bool:
      return c.boolean;
    case Kind::Number:
      return c.number;
    case Kind::String:
    case Kind::Regex:
      return c.text;
    case Kind::List: {
      nlohmann::json out = nlohmann::json::array();
      for (auto item : c.items)
        out.push_back(constant_json(program, item));
      return out;
    }
    case Kind::Object: {
      nlohmann::json out = nlohmann::json::object();
      for (std::size_t i = 0; i + 1 < c.items.size(); i += 2) {
        out[program.constants().at(c.items[i]).text] = constant_json(program, c.items[i + 1]);
      }
      return out;
    }
  }
  return nullptr;
}

const program::Parameter* parameter(const program::Program& program, const RuleMetadata& rule,
                                    const std::string& name) {
  const program::Parameter* fallback = nullptr;
  for (const auto& p : program.parameters()) {
    if (p.name != name && p.package + "." + p.name != name) continue;
    if (p.package == rule.package) return &p;
    fallback = &p;
  }
  return fallback;
}

nlohmann::json parameters_json(const RuleView& view) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& name : view.rule->parameters) {
    const auto* p = parameter(*view.program, *view.rule, name);
    out.push_back(
        {{"name", name},
         {"doc", p ? p->doc : ""},
         {"default", p ? constant_json(*view.program, p->default_value) : nlohmann::json()}});
  }
  return out;
}

std::string joined(const std::vector<std::string>& items, std::string_view separator = ", ") {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

// Markdown table cells must not break the row.
std::string cell(std::string text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

struct Risk {
  const char* id;
  const char* name;
};

// OWASP Top 10 Non-Human Identities Risks, 2025.
constexpr Risk kOwaspNhi[] = {
    {"NHI1", "Improper Offboarding"},
    {"NHI2", "Secret Leakage"},
    {"NHI3", "Vulnerable Third-Party NHI"},
    {"NHI4", "Insecure Authentication"},
    {"NHI5", "Overprivileged NHI"},
    {"NHI6", "Insecure Cloud Deployment Configurations"},
    {"NHI7", "Long-Lived Secrets"},
    {"NHI8", "Environment Isolation"},
    {"NHI9", "NHI Reuse"},
    {"NHI10", "Human Use of NHI"},
};

// The NIST CSF 2.0 subcategories a workload's deployment configuration can bear on: asset
// inventory, risk assessment, supplier risk, identity and access, data security, platform
// security, infrastructure resilience and continuous monitoring. Listed so the matrix shows
// the gaps as well as what is covered; any other subcategory a rule cites is added to it.
constexpr const char* kCsfSubcategories[] = {
    "GV.SC-05", "GV.SC-07", "ID.AM-01", "ID.AM-02", "ID.AM-08", "ID.RA-01", "ID.RA-09", "PR.AA-01",
    "PR.AA-02", "PR.AA-03", "PR.AA-04", "PR.AA-05", "PR.AA-06", "PR.DS-01", "PR.DS-02", "PR.DS-10",
    "PR.DS-11", "PR.PS-01", "PR.PS-02", "PR.PS-03", "PR.PS-04", "PR.PS-05", "PR.PS-06", "PR.IR-01",
    "PR.IR-02", "PR.IR-03", "PR.IR-04", "DE.CM-01", "DE.CM-03", "DE.CM-06", "DE.CM-09",
};

std::string anchor(const RuleMetadata& rule) {
  std::string out;
  for (char c : rule.id + "-" + rule.name) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (c == '-' || c == '_' || c == ' ') {
      out += c == ' ' ? '-' : c;
    }
  }
  return out;
}

std::string rule_links(const std::vector<RuleView>& rules,
                       const std::vector<std::string> RuleMetadata::*field,
                       const std::string& key) {
  std::vector<std::string> links;
  for (const auto& v : rules) {
    const auto& values = v.rule->*field;
    if (std::find(values.begin(), values.end(), key) != values.end()) {
      links.push_back(fmt::format("[{}](#{})", v.rule->id, anchor(*v.rule)));
    }
  }
  return links.empty() ? std::string("**not covered**") : joined(links);
}

}  // namespace

std::string render_rules_text(const ProgramList& programs) {
  std::string out;
  for (const auto& v : all_rules(programs)) {
    const auto& r = *v.rule;
    out += fmt::format("{:<11} {:<8} {}  {}\n", r.id, severity_name(r.severity), r.name, r.title);
    std::vector<std::string> mappings;
    if (!r.owasp_nhi.empty()) mappings.push_back("OWASP " + joined(r.owasp_nhi, ","));
    if (!r.nist_csf.empty()) mappings.push_back("CSF " + joined(r.nist_csf, ","));
    if (!r.aws.empty()) mappings.push_back("AWS " + joined(r.aws, ","));
    if (!r.parameters.empty()) mappings.push_back("params " + joined(r.parameters, ","));
    if (!mappings.empty()) out += fmt::format("{:<20} {}\n", "", joined(mappings, "  "));
  }
  return out;
}

std::string render_rules_json(const ProgramList& programs) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& v : all_rules(programs)) {
    const auto& r = *v.rule;
    out.push_back({{"id", r.id},
                   {"name", r.name},
                   {"package", r.package},
                   {"title", r.title},
                   {"severity", severity_name(r.severity)},
                   {"owasp_nhi", r.owasp_nhi},
                   {"nist_csf", r.nist_csf},
                   {"aws", r.aws},
                   {"parameters", parameters_json(v)},
                   {"rationale", r.rationale},
                   {"remediation", r.remediation},
                   {"file", r.file},
                   {"line", r.line}});
  }
  return out.dump(2) + "\n";
}

std::string render_rules_markdown(const ProgramList& programs) {
  const auto rules = all_rules(programs);
  std::string out =
      "# Policy pack reference\n\n"
      "<!-- Generated by `taskguard rules --format markdown`; do not edit by hand. A test checks "
      "that\n"
      "     this file matches the pack. -->\n\n";
  out += fmt::format(
      "{} rules. Severity, mappings and parameters come from each rule's annotations.\n\n",
      rules.size());
  out += "| id | rule | severity | title |\n|---|---|---|---|\n";
  for (const auto& v : rules) {
    out += fmt::format("| [{}](#{}) | `{}` | {} | {} |\n", v.rule->id, anchor(*v.rule),
                       v.rule->name, severity_name(v.rule->severity), cell(v.rule->title));
  }

  out += "\n## OWASP Non-Human Identities Top 10 (2025)\n\n| risk | rules |\n|---|---|\n";
  for (const auto& risk : kOwaspNhi) {
    out += fmt::format("| {} {} | {} |\n", risk.id, risk.name,
                       rule_links(rules, &RuleMetadata::owasp_nhi, risk.id));
  }

  std::set<std::string> subcategories(std::begin(kCsfSubcategories), std::end(kCsfSubcategories));
  for (const auto& v : rules)
    subcategories.insert(v.rule->nist_csf.begin(), v.rule->nist_csf.end());
  out += "\n## NIST CSF 2.0\n\n| subcategory | rules |\n|---|---|\n";
  for (const auto& sub : subcategories) {
    out += fmt::format("| {} | {} |\n", sub, rule_links(rules, &RuleMetadata::nist_csf, sub));
  }

  out += "\n## Rules\n";
  for (const auto& v : rules) {
    const auto& r = *v.rule;
    out +=
        fmt::format("\n<a id=\"{}\"></a>\n### {} {}\n\n{}\n\n", anchor(r), r.id, r.name, r.title);
    out += fmt::format("- Severity: {}\n", severity_name(r.severity));
    out += fmt::format("- OWASP NHI: {}\n", r.owasp_nhi.empty() ? "—" : joined(r.owasp_nhi));
    out += fmt::format("- NIST CSF 2.0: {}\n", r.nist_csf.empty() ? "—" : joined(r.nist_csf));
    out += fmt::format("- AWS controls: {}\n", r.aws.empty() ? "—" : joined(r.aws));
    out += fmt::format("- Package: `{}`\n", r.package);
    if (!r.rationale.empty()) out += fmt::format("\n**Rationale.** {}\n", r.rationale);
    if (!r.remediation.empty()) out += fmt::format("\n**Remediation.** {}\n", r.remediation);
    const auto params = parameters_json(v);
    if (!params.empty()) {
      out += "\n**Parameters.**\n\n| name | default | meaning |\n|---|---|---|\n";
      for (const auto& p : params) {
        out += fmt::format("| `{}` | `{}` | {} |\n", p["name"].get<std::string>(),
                           cell(p["default"].dump()), cell(p["doc"].get<std::string>()));
      }
    }
  }
  return out;
}

void register_rules(CLI::App& app, int& exit_code) {
  struct Options {
    std::string format = "text";
    std::vector<std::string> policies;
    std::optional<std::string> bundle;
  };
  auto options = std::make_shared<Options>();
  auto* cmd =
      app.add_subcommand("rules", "List every rule with its metadata (text, json, markdown)");
  cmd->add_option("--format", options->format, "text, json or markdown")
      ->check(CLI::IsMember({"text", "json", "markdown"}));
  cmd->add_option("--policy", options->policies,
                  "Policy files or folders instead of the default pack");
  cmd->add_option("--bundle", options->bundle, "A compiled bundle instead of the default pack");
  cmd->callback([options, &exit_code] {
    PolicySources sources;
    sources.default_pack = options->policies.empty() && !options->bundle;
    sources.bundle = options->bundle;
    sources.policies = options->policies;
    auto programs = load_programs(sources, isatty(2) != 0, std::cerr);
    if (!programs) {
      exit_code = kExitUsage;
      return;
    }
    if (options->format == "json") {
      std::cout << render_rules_json(*programs);
    } else if (options->format == "markdown") {
      std::cout << render_rules_markdown(*programs);
    } else {
      std::cout << render_rules_text(*programs);
    }
    exit_code = kExitOk;
  });
}

}  // namespace taskguard::cli
