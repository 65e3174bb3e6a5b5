#pragma once
// What a `secrets[].valueFrom` (or `secretOptions[].valueFrom`, `credentialsParameter`) points
// at. ECS accepts a Secrets Manager secret ARN, optionally with the
// `:json-key:version-stage:version-id` suffix, an SSM parameter ARN, or, for a parameter in the
// task's own region, the parameter's name.
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-ssm-paramstore.html

#include <string_view>

namespace taskguard::aws {

enum class SecretRefKind { SecretsManager, Ssm, Invalid };

// "secretsmanager", "ssm" or "invalid": the names secret_ref.kind returns.
std::string_view to_string(SecretRefKind kind);

//  - secretsmanager: arn:<partition>:secretsmanager:<region>:<account>:secret:<name> with a
//    region, a 12-digit account, a name of [A-Za-z0-9/_+=.@-], and at most three further
//    colon-separated fields (json-key, version-stage, version-id), any of them empty;
//  - ssm: arn:<partition>:ssm:<region>:<account>:parameter/<name>, or a bare parameter name:
//    [A-Za-z0-9_.-] with '/' separating a hierarchy that then starts with '/', at most 2048
//    characters and 15 levels (/aws/service/... and /aws/reference/secretsmanager/... are
//    valid references);
//  - everything else, including the empty string, is invalid.
SecretRefKind secret_ref_kind(std::string_view value_from);

}  // namespace taskguard::aws
