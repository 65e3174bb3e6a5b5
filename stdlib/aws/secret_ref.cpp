#include "stdlib/aws/secret_ref.hpp"

#include <algorithm>

#include "stdlib/aws/arn.hpp"
#include "stdlib/text/strings.hpp"

namespace taskguard::aws {
namespace {

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool all_of(std::string_view s, std::string_view extra) {
  return std::all_of(s.begin(), s.end(), [&](char c) {
    return is_alnum(c) || extra.find(c) != std::string_view::npos;
  });
}

// Secrets Manager names: 1-512 characters of letters, digits and /_+=.@-
bool is_secret_name(std::string_view name) {
  return !name.empty() && name.size() <= 512 && all_of(name, "/_+=.@-");
}

// SSM Parameter Store naming constraints:
// https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-su-create.html
bool is_parameter_name(std::string_view name) {
  if (name.empty() || name.size() > 2048 || !all_of(name, "_.-/")) return false;
  const bool hierarchical = name.find('/') != std::string_view::npos;
  if (hierarchical && name.front() != '/') return false;
  if (name.find("//") != std::string_view::npos || name.back() == '/') return false;
  // The reserved "aws"/"ssm" prefixes only forbid *creating* such names; reading public
  // parameters (/aws/service/...) and /aws/reference/secretsmanager/... is legitimate.
  return std::count(name.begin(), name.end(), '/') <= 15;
}

bool is_secrets_manager_arn(const Arn& arn) {
  if (arn.service != "secretsmanager" || arn.region.empty() || arn.account.size() != 12) {
    return false;
  }
  if (!arn.resource.starts_with("secret:")) return false;
  // name[:json-key[:version-stage[:version-id]]]
  const std::string_view fields = std::string_view(arn.resource).substr(7);
  return std::count(fields.begin(), fields.end(), ':') <= 3 &&
         is_secret_name(fields.substr(0, fields.find(':')));
}

bool is_parameter_arn(const Arn& arn) {
  if (arn.service != "ssm" || arn.region.empty() || arn.account.size() != 12) return false;
  if (!arn.resource.starts_with("parameter/")) return false;
  // The ARN spells a hierarchical name /a/b as parameter/a/b.
  const std::string_view name = arn.resource.substr(9);
  return name.size() > 1 && is_parameter_name(name);
}

}  // namespace

std::string_view to_string(SecretRefKind kind) {
  switch (kind) {
    case SecretRefKind::SecretsManager:
      return "secretsmanager";
    case SecretRefKind::Ssm:
      return "ssm";
    case SecretRefKind::Invalid:
      return "invalid";
  }
  return "invalid";
}

SecretRefKind secret_ref_kind(std::string_view value_from) {
  if (value_from.starts_with("arn:")) {
    const auto arn = parse_arn(value_from);
    if (!arn) return SecretRefKind::Invalid;
    if (is_secrets_manager_arn(*arn)) return SecretRefKind::SecretsManager;
    if (is_parameter_arn(*arn)) return SecretRefKind::Ssm;
    return SecretRefKind::Invalid;
  }
  return is_parameter_name(value_from) ? SecretRefKind::Ssm : SecretRefKind::Invalid;
}

}  // namespace taskguard::aws
