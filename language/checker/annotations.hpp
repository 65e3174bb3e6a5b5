#pragma once
// The annotations a declaration may carry, and the rule metadata built from them:
// @id @title @severity are required on every rule; values are validated (severity names, OWASP
// NHI ids NHI1..NHI10, NIST CSF 2.0 subcategories like PR.AA-05); unknown names are errors.

#include <string>

#include "language/ast/ast.hpp"
#include "language/diagnostics/diagnostic.hpp"
#include "language/program/rule_metadata.hpp"

namespace taskguard::checker {

RuleMetadata rule_metadata(const ast::Rule& rule, const std::string& package,
                           const std::string& file, diagnostics::DiagnosticList& diagnostics);

// Lets, params and fns accept only @doc("...").
void check_declaration_annotations(const std::vector<ast::Annotation>& annotations,
                                   std::string_view what, const std::string& file,
                                   diagnostics::DiagnosticList& diagnostics);

bool is_owasp_nhi_id(std::string_view id);
bool is_nist_csf_id(std::string_view id);

}  // namespace taskguard::checker
