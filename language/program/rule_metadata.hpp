#pragma once
// What a rule says about itself, from its annotations. Carried into bundles and every outcome.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace taskguard {

enum class Severity : unsigned char { Low, Medium, High, Critical };

// "low" | "medium" | "high" | "critical"; returns false for anything else.
bool parse_severity(std::string_view text, Severity& out);
const char* severity_name(Severity s);

struct RuleMetadata {
  std::string id;       // @id("TG-SEC-001")
  std::string name;     // the rule's identifier, e.g. env-aws-credential-names (dashes allowed)
  std::string package;  // package the rule was declared in
  std::string title;    // @title
  Severity severity = Severity::Medium;  // @severity
  std::string rationale;                 // @rationale
  std::string remediation;               // @remediation
  std::vector<std::string> owasp_nhi;    // @owasp_nhi("NHI2", ...)
  std::vector<std::string> nist_csf;     // @nist_csf("PR.AA-01", ...)
  std::vector<std::string> aws;          // @aws("ECS.8", ...)
  std::vector<std::string> parameters;   // pack parameters the rule reads
  // @sensitive: the value at the finding's location may be a secret; reporters mask it.
  bool sensitive = false;
  std::string file;  // policy source file
  std::uint32_t line = 0;
};

}  // namespace taskguard
