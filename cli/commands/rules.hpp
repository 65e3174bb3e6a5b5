#pragma once
// `taskguard rules [--format text|json|markdown]`: every rule of the policies in use, with its
// metadata. The markdown form is docs/policies.md: one section per rule and two matrices that
// show which OWASP NHI Top 10 risks and NIST CSF 2.0 subcategories the rules cover, and which
// they do not.

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "language/program/program.hpp"

namespace taskguard::cli {

using ProgramList = std::vector<std::shared_ptr<const program::Program>>;

std::string render_rules_text(const ProgramList& programs);
// [{"id", "name", "package", "title", "severity", "owasp_nhi", "nist_csf", "aws", "parameters":
//   [{"name", "doc", "default"}], "rationale", "remediation", "file", "line"}]
std::string render_rules_json(const ProgramList& programs);
std::string render_rules_markdown(const ProgramList& programs);

// Adds the `rules` subcommand to `app`; when it runs, its exit code is stored in `exit_code`.
void register_rules(CLI::App& app, int& exit_code);

}  // namespace taskguard::cli
