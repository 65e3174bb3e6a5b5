#include "stdlib/builtins/namespace_docs.hpp"

#include <fmt/format.h>

#include "stdlib/secrets/detect.hpp"
#include "stdlib/secrets/token_detectors.hpp"

namespace taskguard::builtins {
namespace {

constexpr std::string_view kPageIntro =
    R"(Built-in functions every policy can call. Core functions are always in scope; a namespace
(`secrets`, `arn`, `image` ...) is available after `import std.<namespace>`, e.g.

```
import std.secrets

rule env-secret-value {
  for c in task.containerDefinitions
  for e in c.environment
  deny secrets.kind(e.value) != null
  message "container '{c.name}' passes {e.name} with a {secrets.kind(e.value)} in plain text"
}
```

Every function is pure and total: it never fails on odd input (empty, very long, invalid UTF-8)
and never runs longer than linear time in its input. Regular expressions are RE2: no
backtracking, so no input can make a rule run away.

**Unknown values.** An unknown argument (a CloudFormation intrinsic, a Terraform value known
after apply) makes the result unknown, except for `has` and `is_unknown`, which exist to look
at it.

**Null arguments.** A path to an absent field reads as null, so absent optional fields must not
turn a rule into an error: `null` where a string is expected gives `false` from a predicate
(`starts_with`, `arn.is_valid`, `image.pinned`, `secrets.credential_name` ...) and `null` from a
function returning a string, number, list or object. The exceptions say so: `len(null)` is 0,
`user.is_root` and `user.is_windows_admin` read null as "not set", `secrets.is_placeholder(null)`
is true, and the type predicates answer for null like for any other value. An argument of the
wrong kind (a number given to `lower`) is a runtime error naming the function.

**Objects.** `arn.parse` and `image.parse` return objects; read their fields with `.`:
`arn.parse(task.taskRoleArn).account`. Their type is `map<string>`; a field that does not apply
is null.

Signatures use the checker's type names: `any` accepts every value; a result documented as
"null when ..." may also be null.)";

constexpr std::string_view kCoreIntro =
    R"(Strings, collections, type tests, regular expressions. Case mapping and `trim` are ASCII-only:
the values rules look at (enum spellings, capability and user names, ARNs) are ASCII, and other
bytes are left exactly as they are. `len` and `split("", ...)` count UTF-8 characters, an invalid
byte counting as one character.)";

constexpr std::string_view kSecretsIntro =
    R"(Recognising credentials in values and names. A finding should name the variable and the kind
of credential, never the value: `secrets.kind` returns only the kind.)";

constexpr std::string_view kArnIntro =
    R"(Amazon Resource Names: `arn:partition:service:region:account-id:resource`
([IAM User Guide, ARN format](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html)).)";

constexpr std::string_view kSecretRefIntro =
    R"(Where a `secrets[].valueFrom`, `logConfiguration.secretOptions[].valueFrom` or
`repositoryCredentials.credentialsParameter` points.)";

constexpr std::string_view kImageIntro =
    R"(Container image references, read as Docker and ECS read them.)";

constexpr std::string_view kUserIntro =
    R"(Who a container runs as, from its `user` field (Docker's `--user`: `user`, `user:group`,
`uid`, `uid:gid` ...).)";

constexpr std::string_view kCapabilityIntro =
    R"(Linux capability names as written in `linuxParameters.capabilities.add` / `.drop`.)";

constexpr std::string_view kSecretsDetailsHead =
    R"(### Detectors (`secrets.kind`)

The value is scanned, not only matched whole: a credential inside a command line, a JSON
document or a connection string is found. Detectors run in this order and the first that fires
names the kind. Formats are the issuers' published ones, as collected by gitleaks
(`config/gitleaks.toml`), trufflehog (`pkg/detectors`) and Yelp detect-secrets (`plugins/`).

| kind | recognises | source |
|---|---|---|
)";

constexpr std::string_view kSecretsDetailsTail =
    R"(
**Placeholders are never reported.** When the whole value is a placeholder
(`secrets.is_placeholder`) nothing is reported, and a candidate that is itself a placeholder is
skipped, so AWS's documentation keys `AKIAIOSFODNN7EXAMPLE` and
`wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY` are not findings (gitleaks allow-lists `.+EXAMPLE$`
for the same reason).

**Deliberately not reported**, because they are identifiers, not secrets:

- AWS unique ids with other prefixes: `AIDA` (user), `AROA` (role), `AGPA` (group), `ANPA` /
  `ANVA` (managed policy and version), `AIPA` (instance profile), `APKA` (public key). git-secrets
  lists them; AWS documents them as identifiers
  ([IAM identifiers](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids)).
- Twilio Account SIDs (`AC` + 32 hex): an account identifier; the API key SID (`SK...`) is reported.
- Datadog API and application keys: 32 and 40 plain hex digits, indistinguishable from digests
  and git SHAs. They are caught by name (`DD_API_KEY` is a credential name).
- ARNs, UUIDs, `sha256:` digests and git SHAs, image references, URLs without credentials,
  base64 of ordinary text, SSH public keys and PEM certificates.

### High entropy

`high-entropy` and `aws-secret-access-key` look at *tokens*: maximal runs of `[A-Za-z0-9+/_-]`.
A token is a candidate only if it contains an upper-case letter, a lower-case letter and a digit,
and is not: all hex digits (git SHAs, digests, UUIDs: at most 4 bits per character anyway),
a subresource-integrity digest (`sha256-...`, `sha512-...`), part of an SSH
public key line or a PEM certificate / public key, a placeholder, or base64 whose decoding is
printable text (encoded configuration). Decoded text is scanned once by the pattern detectors, so
a base64-wrapped private key is still reported as `private-key`.

)";

constexpr std::string_view kSecretsDetailsEnd =
    R"(
A *word segment* is a part of the token between `/ _ - +` made of letters followed by digits
(`Credentials`, `MyWebApp2`, `v2`), of digits only, or of letters followed by the 8-character
upper-case hex hash the AWS CDK appends to logical ids (`TaskDefTaskRole1EDB4A67`). A *CamelCase
syllable* is a run of two or more lower-case letters with the capital before it
(`HasAppEnvironment1Key` is 95% syllables, a random token about 35%). Paths, ARN resources and
identifiers are mostly words; random tokens put digits among their letters.

Why these numbers: a random 20-character alphanumeric token has entropy 3.78 or more in 95% of
cases and a random 32-character one 4.31 or more; CamelCase identifiers of the same length score
3.8 to 4.2 but change character class at only about 30% of positions, against about 60% for
random tokens. detect-secrets uses 4.5 for base64 strings and 3.0 for hex
(`high_entropy_strings.py`); trufflehog requires 4.25 for AWS secret keys. Measured on generated random
tokens, the detector finds about 90% of 20-character, 96% of 24-character and 98-100% of 32- to
64-character alphanumeric or base64 tokens. All-lower-case or all-hex secrets are not reported by entropy (too close to ordinary words and digests): they are
caught by `secrets.credential_name` on the variable name.

### Credential names (`secrets.credential_name`)

The name is split into words at `_`, `-`, `.`, spaces and camelCase boundaries, then upper-cased
(`apiKey`, `API_KEY`, `api-key` all read API KEY). It is a credential name when:

1. a word is PASSWORD, PASSWORDS, PASSWD, PASS, PWD, PASSPHRASE, SECRET, SECRETS, TOKEN,
   CREDENTIAL, CREDENTIALS, CREDS, SALT, AUTHORIZATION, APIKEY, ACCESSKEY, SECRETKEY, PRIVATEKEY
   or AUTHKEY; or a word contains PASSWORD, PASSWD, PASSPHRASE, APIKEY, SECRETKEY, PRIVATEKEY,
   ACCESSTOKEN or AUTHTOKEN, or ends in TOKEN or SECRET (`githubtoken`); or two adjacent words are
   API / ACCESS / PRIVATE / AUTH / SIGNING / ENCRYPTION / MASTER / SERVICE / ACCOUNT / CLIENT /
   LICENSE / APP / SSH / HMAC / SESSION / SECRET followed by KEY, or AUTH DATA
   (`ECS_ENGINE_AUTH_DATA`), CONNECTION STRING, CONN STR; or the last word is AUTH (`BASIC_AUTH`);
2. and the last word does not make it a setting *about* a credential: ARN, ID, IDS, NAME, NAMES,
   PATH, FILE, FILES, DIR, DIRECTORY, URL, URI, ENDPOINT, HOST, HOSTNAME, PORT, REGION, LENGTH,
   LEN, SIZE, TTL, EXPIRY, EXPIRES, EXPIRATION, LIFETIME, TIMEOUT, DURATION, INTERVAL, TYPE,
   KIND, FORMAT, ALGORITHM, ALG, VERSION, PARAM, PARAMETER, ROTATION, ENABLED, DISABLED, REQUIRED,
   POLICY, MIN, MAX, COUNT, PREFIX, SUFFIX, LOCATION, STORE, PROVIDER, ISSUER, AUDIENCE, SCOPE,
   SCOPES, MODE, FIELD, COLUMN, LABEL, SOURCE, REF, REFERENCE, BUCKET, TABLE, KMS, HEADER, MANAGER,
   PATTERN, REGEX, STRENGTH, COMPLEXITY, HINT, PROMPT, RESET, CHANGED, UPDATED, CREATED, CACHE,
   STRATEGY, METHOD, ENV, VAR — except that a name ending in ACCESS KEY ID counts
   (`AWS_ACCESS_KEY_ID` is half of a key pair);
3. and the first word is not a switch: ENABLE(D), DISABLE(D), USE, REQUIRE(S), SKIP, ALLOW, IS,
   HAS, NO, SHOW, HIDE, ROTATE, GENERATE, VALIDATE, VERIFY, CHECK (`REQUIRE_PASSWORD=true` holds
   no password).

The shell's `PWD` / `OLDPWD` are not credentials, and TOKENS (plural) is not a credential word
(`MAX_TOKENS` is a model setting). Decisions a reviewer may ask about: `TOKEN_URL`,
`PASSWORD_FILE`, `SECRET_ARN` and `DATABASE_URL` are not credential names — their values are
still scanned by `secrets.kind`, which reports a URL carrying a password as `url-with-password`.
The keyword lists follow detect-secrets' `KeywordDetector` deny-list and gitleaks'
`generic-api-key` keywords.

### Placeholders (`secrets.is_placeholder`)

After trimming whitespace and surrounding quotes, a value is a placeholder when it is:

- empty (or null);
- a reference: `${NAME}`, `$NAME`, `$(command)`, `{{ ... }}`, `<...>`, `%NAME%`, `#{...}`;
- a mask: three or more of `x X * . - # _` and spaces (`xxxx`, `****`, `xxxx-xxxx`);
- one or two punctuation marks (`-`);
- a placeholder word, compared without case and punctuation: changeme, changeit, changethis,
  replaceme, replacethis, todo, tbd, fixme, dummy, fake, sample, none, null, nil, undefined, na
  (`N/A`), redacted, masked, notset, unset, empty, tobeset, tobefilled, secrethere, placeholder;
- text that announces a stand-in: starts with "your", "insert", "enter", "replace with",
  "change to"; ends with "here"; or contains "example", "placeholder" or "changeme".

A weak real password (`password`, `admin`, `123456`) is **not** a placeholder: it is a credential.
)";

constexpr std::string_view kArnDetails =
    R"(### Validation

`arn.parse` accepts six colon-separated fields where the resource (everything after the fifth
colon) is non-empty and may contain colons, and:

- the partition is one of `aws`, `aws-cn`, `aws-us-gov`, `aws-iso`, `aws-iso-b`, `aws-iso-e`,
  `aws-iso-f`, `aws-eusc`;
- the service is lower-case letters, digits and `-`;
- the region is empty or region-shaped: lower-case words and a number (`us-east-1`,
  `us-gov-west-1`, `cn-north-1`, `us-isob-east-1`, `eusc-de-east-1`); `iam` ARNs have no region;
- the account is empty, 12 digits, or `aws` (AWS-managed IAM policies); services whose resources
  always belong to an account (iam, sts, ecs, ecr, logs, kms, secretsmanager, ssm, lambda, sqs,
  sns, dynamodb, elasticfilesystem, ec2, rds, events, states, elasticloadbalancing,
  cloudformation, servicediscovery, appmesh, firehose) require one.

`arn.role_name` accepts only `iam` ARNs whose resource is `role/[path/]name`, and a name of 1 to
64 characters of letters, digits and `+=,.@_-`.
)";

constexpr std::string_view kSecretRefDetails =
    R"(### Accepted forms

([ECS: Secrets Manager](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html),
[ECS: Parameter Store](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-ssm-paramstore.html))

- `secretsmanager`: `arn:<partition>:secretsmanager:<region>:<account>:secret:<name>`, with a
  region and a 12-digit account, a name of `[A-Za-z0-9/_+=.@-]`, optionally followed by
  `:json-key:version-stage:version-id` (any of them empty, e.g. `...:secret:db-AbCdEf:password::`).
- `ssm`: `arn:<partition>:ssm:<region>:<account>:parameter/<name>`, or a bare parameter name
  (allowed for a parameter in the task's own region): `[A-Za-z0-9_.-]`, with `/` separating
  up to 15 hierarchy levels, in which case it starts with `/`; at most 2048 characters.
  `/aws/reference/secretsmanager/...` is a valid parameter reference.
- `invalid`: anything else, including the empty string, a Secrets Manager secret given by name,
  and ARNs of other services.
)";

constexpr std::string_view kImageDetails =
    R"(### Grammar

As in Docker's `distribution/reference`:

```
reference      := name [ ":" tag ] [ "@" digest ]
name           := [ domain "/" ] path-component { "/" path-component }
domain         := host [ ":" port ]      # first component with '.', ':', upper case, or "localhost"
path-component := [a-z0-9]+ ( ( "." | "_" | "__" | "-"+ ) [a-z0-9]+ )*
tag            := [A-Za-z0-9_] [A-Za-z0-9_.-]{0,127}
digest         := algorithm ":" hex      # sha256: 64 lower-case hex digits; sha512: 128
```

Without a domain the registry is `docker.io` and a one-component repository is in `library/`
(`nginx` is `docker.io/library/nginx`); `index.docker.io` and `registry-1.docker.io` read as
`docker.io`. The name is at most 255 characters. `tag` is null when none is written (Docker then
pulls `latest`), so a rule can tell `nginx` from `nginx:latest` if it wants to.

`image.is_ecr` recognises private ECR registries: `<account>.dkr.ecr.<region>.amazonaws.com`,
`.amazonaws.com.cn` (China), `dkr.ecr-fips` endpoints, the dual-stack
`<account>.dkr-ecr.<region>.on.aws`, and the ISO and sovereign partitions' domains
(`c2s.ic.gov`, `sc2s.sgov.gov`, `cloud.adc-e.uk`, `csp.hci.ic.gov`, `amazonaws.eu`).
`public.ecr.aws` is a public registry, not private ECR.
)";

constexpr std::string_view kUserDetails =
    R"(### Decisions

- `user.is_root`: an absent, null or empty user means the image's default user, which is root
  for most images (and for the AWS controls ECS.20 / CT.ECS.PR.3), so it counts as root. A user
  whose name part is `root` or a uid that is zero (`0`, `00`) is root, with or without a group.
  `1000:0` (root *group*) is not root; `ROOT` is not root (Linux names are case-sensitive).
- `user.is_windows_admin`: absent, null or empty means ContainerAdministrator (the Windows
  default); `ContainerAdministrator`, `Administrator` and `SYSTEM` count in any case and with any
  `DOMAIN\` prefix (`NT AUTHORITY\SYSTEM`); `ContainerUser` does not.
)";

}  // namespace

std::string_view namespace_title(std::string_view ns) {
  return ns.empty() ? "Core" : ns;
}

std::string_view namespace_intro(std::string_view ns) {
  if (ns == "*") return kPageIntro;
  if (ns.empty()) return kCoreIntro;
  if (ns == "secrets") return kSecretsIntro;
  if (ns == "arn") return kArnIntro;
  if (ns == "secret_ref") return kSecretRefIntro;
  if (ns == "image") return kImageIntro;
  if (ns == "user") return kUserIntro;
  if (ns == "capability") return kCapabilityIntro;
  return {};
}

std::string namespace_details(std::string_view ns) {
  if (ns == "secrets") {
    std::string md(kSecretsDetailsHead);
    for (const secrets::KindDescription& k : secrets::kinds()) {
      md += fmt::format("| `{}` | {} | {} |\n", k.kind, k.recognises, k.source);
    }
    md += kSecretsDetailsTail;
    md += fmt::format(
        "| threshold | value |\n|---|---|\n"
        "| AWS secret access key: length, alphabet | exactly {} characters of `[A-Za-z0-9+/]` |\n"
        "| AWS secret access key: entropy | ≥ {:.2f} bits per character |\n"
        "| high-entropy: minimum length | {} characters |\n"
        "| high-entropy: entropy below {} characters | ≥ {:.2f} bits per character |\n"
        "| high-entropy: entropy from {} characters | ≥ {:.2f} bits per character |\n"
        "| high-entropy: character-class changes (upper / lower / digit / symbol) | ≥ {:.0f}% of "
        "adjacent pairs |\n"
        "| high-entropy: structure | fewer than {:.0f}% of characters in word segments and fewer "
        "than {:.0f}% in CamelCase syllables |\n",
        secrets::kAwsSecretKeyLength, secrets::kAwsSecretKeyMinEntropy,
        secrets::kMinHighEntropyLength, secrets::kLongTokenLength, secrets::kShortTokenMinEntropy,
        secrets::kLongTokenLength, secrets::kLongTokenMinEntropy,
        secrets::kMinClassChangeRatio * 100, secrets::kMinStructuredShare * 100,
        secrets::kMinCamelCaseShare * 100);
    md += kSecretsDetailsEnd;
    return md;
  }
  if (ns == "arn") return std::string(kArnDetails);
  if (ns == "secret_ref") return std::string(kSecretRefDetails);
  if (ns == "image") return std::string(kImageDetails);
  if (ns == "user") return std::string(kUserDetails);
  return {};
}

}  // namespace taskguard::builtins
