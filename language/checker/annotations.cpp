#include "language/checker/annotations.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "language/diagnostics/suggestion.hpp"

namespace taskguard::checker {
namespace {

const std::vector<std::string>& rule_annotation_names() {
  static const std::vector<std::string> names = {"id",          "title", "severity",  "rationale",
                                                 "remediation", "aws",   "owasp_nhi", "nist_csf",
                                                 "sensitive",   "doc"};
  return names;
}

// The NIST CSF 2.0 functions: Govern, Identify, Protect, Detect, Respond, Recover.
bool is_csf_function(std::string_view f) {
  return f == "GV" || f == "ID" || f == "PR" || f == "DE" || f == "RS" || f == "RC";
}

const std::string* string_argument(const ast::Annotation& a, std::size_t i) {
  if (i >= a.args.size()) return nullptr;
  const auto* s = std::get_if<ast::StringLit>(&a.args[i]->node);
  return s ? &s->value : nullptr;
}

}  // namespace

bool is_owasp_nhi_id(std::string_view id) {
  if (id.size() < 4 || id.substr(0, 3) != "NHI") return false;
  const std::string_view n = id.substr(3);
  return n == "1" || n == "2" || n == "3" || n == "4" || n == "5" || n == "6" || n == "7" ||
         n == "8" || n == "9" || n == "10";
}

bool is_nist_csf_id(std::string_view id) {
  // XX.YY-NN, e.g. PR.AA-05
  if (id.size() != 8 || id[2] != '.' || id[5] != '-') return false;
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  return is_csf_function(id.substr(0, 2)) && upper(id[3]) && upper(id[4]) && digit(id[6]) &&
         digit(id[7]);
}

RuleMetadata rule_metadata(const ast::Rule& rule, const std::string& package,
                           const std::string& file, diagnostics::DiagnosticList& diagnostics) {
  RuleMetadata meta;
  meta.name = rule.name;
  meta.package = package;
  meta.file = file;
  meta.line = rule.range.begin.line;
  std::set<std::string> seen;

  for (const ast::Annotation& a : rule.annotations) {
    auto fail = [&](std::string message, std::string hint = {}) {
      diagnostics.error(file, a.range, std::move(message), std::move(hint));
    };
    const auto& known = rule_annotation_names();
    if (std::find(known.begin(), known.end(), a.name) == known.end()) {
      fail(fmt::format("unknown annotation `@{}`", a.name),
           diagnostics::did_you_mean(a.name, known));
      continue;
    }
    if (!seen.insert(a.name).second) {
      fail(fmt::format("`@{}` is given twice on rule `{}`", a.name, rule.name),
           "list several values in one annotation instead");
      continue;
    }
    const bool single_string = a.name == "id" || a.name == "title" || a.name == "rationale" ||
                               a.name == "remediation" || a.name == "doc";
    if (single_string) {
      const std::string* value = string_argument(a, 0);
      if (a.args.size() != 1 || value == nullptr || value->empty()) {
        fail(fmt::format("`@{}` takes one non-empty string, like @{}(\"...\")", a.name, a.name));
        continue;
      }
      if (a.name == "id") meta.id = *value;
      if (a.name == "title") meta.title = *value;
      if (a.name == "rationale") meta.rationale = *value;
      if (a.name == "remediation") meta.remediation = *value;
    } else if (a.name == "severity") {
      std::string value;
      if (a.args.size() == 1) {
        if (const auto* n = std::get_if<ast::Name>(&a.args[0]->node)) value = n->name;
        if (const auto* s = std::get_if<ast::StringLit>(&a.args[0]->node)) value = s->value;
      }
      if (!parse_severity(value, meta.severity)) {
        fail("`@severity` takes one of low, medium, high, critical",
             diagnostics::did_you_mean(value, {"low", "medium", "high", "critical"}));
      }
    } else if (a.name == "sensitive") {
      if (!a.args.empty()) fail("`@sensitive` takes no arguments");
      meta.sensitive = true;
    } else {  // aws, owasp_nhi, nist_csf: one or more strings
      std::vector<std::string>& out = a.name == "aws"         ? meta.aws
                                      : a.name == "owasp_nhi" ? meta.owasp_nhi
                                                              : meta.nist_csf;
      if (a.args.empty()) fail(fmt::format("`@{}` needs at least one string", a.name));
      for (std::size_t i = 0; i < a.args.size(); ++i) {
        const std::string* value = string_argument(a, i);
        if (value == nullptr) {
          diagnostics.error(file, a.args[i]->range,
                            fmt::format("`@{}` takes strings, like @{}(\"...\")", a.name, a.name));
          continue;
        }
        if (a.name == "owasp_nhi" && !is_owasp_nhi_id(*value)) {
          diagnostics.error(
              file, a.args[i]->range,
              fmt::format("\"{}\" is not an OWASP Non-Human Identities Top 10 id", *value),
              "use NHI1 to NHI10");
          continue;
        }
        if (a.name == "nist_csf" && !is_nist_csf_id(*value)) {
          diagnostics.error(file, a.args[i]->range,
                            fmt::format("\"{}\" is not a NIST CSF 2.0 subcategory id", *value),
                            "write it as FUNCTION.CATEGORY-NN, like PR.AA-05");
          continue;
        }
        out.push_back(*value);
      }
    }
  }
  for (const char* required : {"id", "title", "severity"}) {
    if (seen.count(required) == 0) {
      diagnostics.error(file, rule.name_range,
                        fmt::format("rule `{}` has no `@{}`", rule.name, required),
                        fmt::format("every rule needs @id, @title and @severity; add `@{}(...)` "
                                    "above `rule {}`",
                                    required, rule.name));
    }
  }
  return meta;
}

void check_declaration_annotations(const std::vector<ast::Annotation>& annotations,
                                   std::string_view what, const std::string& file,
                                   diagnostics::DiagnosticList& diagnostics) {
  for (const ast::Annotation& a : annotations) {
    if (a.name != "doc") {
      diagnostics.error(
          file, a.range,
          fmt::format("`@{}` cannot annotate {}; only @doc(\"...\") can", a.name, what),
          diagnostics::did_you_mean(a.name, {"doc"}));
    } else if (a.args.size() != 1 || string_argument(a, 0) == nullptr) {
      diagnostics.error(file, a.range, "`@doc` takes one string, like @doc(\"...\")");
    }
  }
}

}  // namespace taskguard::checker
