#include "stdlib/builtins/catalog.hpp"

#include <algorithm>

namespace taskguard::builtins {
namespace {

Type any() {
  return Type::any();
}
Type str() {
  return Type::string();
}
Type num() {
  return Type::number();
}
Type boolean() {
  return Type::boolean();
}
Type list_of(Type t) {
  return Type::list_of(std::move(t));
}

Builtin entry(std::string_view name, std::vector<Type> params, Type result,
              std::string_view summary, std::string_view example) {
  return Builtin{name, std::move(params), false, std::move(result), summary, example, true};
}

// Builtins that inspect unknown-ness themselves instead of propagating it.
Builtin unknown_aware(Builtin b) {
  b.propagates_unknown = false;
  return b;
}

std::vector<Builtin> make_catalog() {
  // APPEND ONLY: an entry's position is its id in bytecode and bundles.
  return {
      // 0
      unknown_aware(entry("has", {any()}, boolean(),
                          "True when the path was written in the document (even if its value is "
                          "unknown); false when it is absent and reads as its default.",
                          "`has(c.user)` is false for a container without `user`")),
      entry("len", {any()}, num(),
            "Number of characters of a string (UTF-8 characters), elements of a list or keys of "
            "an object.",
            "`len(\"héllo\") == 5`, `len([1, 2]) == 2`"),
      entry("lower", {str()}, str(), "ASCII lower case; other bytes are left as they are.",
            "`lower(\"FARGATE\") == \"fargate\"`"),
      entry("upper", {str()}, str(), "ASCII upper case; other bytes are left as they are.",
            "`upper(\"sys_admin\") == \"SYS_ADMIN\"`"),
      entry("trim", {str()}, str(), "Removes ASCII whitespace from both ends.",
            "`trim(\"  root \") == \"root\"`"),
      // 5
      entry("starts_with", {str(), str()}, boolean(), "Does the string start with the prefix?",
            "`starts_with(\"arn:aws:iam::1:role/x\", \"arn:\") == true`"),
      entry("ends_with", {str(), str()}, boolean(), "Does the string end with the suffix?",
            "`ends_with(\"app:latest\", \":latest\") == true`"),
      entry("contains", {str(), str()}, boolean(),
            "Does the string contain the other one? (`sub in s` says the same.)",
            "`contains(\"/var/run/docker.sock\", \"docker\") == true`"),
      entry("split", {str(), str()}, list_of(str()),
            "Splits at every occurrence of the separator; an empty separator splits into "
            "characters.",
            "`split(\"a,b,,c\", \",\") == [\"a\", \"b\", \"\", \"c\"]`"),
      entry("join", {list_of(str()), str()}, str(),
            "Joins a list of strings with a separator (a non-string element is a runtime error).",
            "`join([\"a\", \"b\"], \"/\") == \"a/b\"`"),
      // 10
      entry("replace", {str(), str(), str()}, str(),
            "Replaces every occurrence, left to right; an empty pattern changes nothing.",
            "`replace(\"CAP_NET_RAW\", \"CAP_\", \"\") == \"NET_RAW\"`"),
      entry("to_number", {any()}, num(),
            "A number from a number or from decimal text (`\"512\"`, `\" -1.5e3 \"`); null for "
            "anything else (hex, \"inf\", trailing text, other types).",
            "`to_number(\"1024\") == 1024`, `to_number(\"1k\") == null`"),
      entry("keys", {any()}, list_of(str()),
            "The keys of an object or map, in document order (schema order for defaults).",
            "`\"mode\" in keys(c.logConfiguration.options)`"),
      entry("values", {any()}, list_of(any()), "The values of an object or map, in key order.",
            "`values(c.dockerLabels)`"),
      entry("unique", {list_of(any())}, list_of(any()),
            "The list without repeated elements (structural equality), keeping first occurrences.",
            "`unique([\"a\", \"b\", \"a\"]) == [\"a\", \"b\"]`"),
      // 15
      entry("min", {list_of(any())}, any(),
            "The smallest element of a list of numbers or of strings; null for an empty list; a "
            "runtime error for mixed types.",
            "`min([512, 256]) == 256`"),
      entry("max", {list_of(any())}, any(),
            "The largest element of a list of numbers or of strings; null for an empty list; a "
            "runtime error for mixed types.",
            "`max([\"a\", \"b\"]) == \"b\"`"),
      entry("is_string", {any()}, boolean(), "Is the value a string?",
            "`is_string(\"0\") == true`"),
      entry("is_number", {any()}, boolean(), "Is the value a number?",
            "`is_number(\"0\") == false`"),
      entry("is_bool", {any()}, boolean(), "Is the value true or false?",
            "`is_bool(c.privileged) == true`"),
      // 20
      entry("is_list", {any()}, boolean(), "Is the value a list?",
            "`is_list(task.containerDefinitions) == true`"),
      entry("is_object", {any()}, boolean(), "Is the value an object (schema struct or map)?",
            "`is_object(c.logConfiguration)`"),
      entry("is_null", {any()}, boolean(), "Is the value null (absent without a default)?",
            "`is_null(c.user)` for a container without `user`"),
      unknown_aware(entry("is_unknown", {any()}, boolean(),
                          "Is the value unknown (a CloudFormation intrinsic or a Terraform value "
                          "known after apply)? Never unknown itself.",
                          "`is_unknown(task.taskRoleArn)` for `!GetAtt Role.Arn`")),
      entry("find", {str(), any()}, list_of(str()),
            "First match of a regular expression (RE2 syntax, a regex literal or a string): "
            "[whole match, group 1, group 2 ...] with null for a group that did not take part; "
            "null when nothing matches.",
            "`find(\"nginx:1.25\", /:(\\d+)\\.(\\d+)/) == [\":1.25\", \"1\", \"25\"]`"),
      // 25
      entry("secrets.kind", {str()}, str(),
            "What kind of credential the value holds or is, anywhere in it (\"aws-access-key-id\", "
            "\"github-token\", \"private-key\", \"jwt\", \"url-with-password\", \"high-entropy\" "
            "...; see Detectors); null when none, and for placeholders.",
            "`secrets.kind(\"postgres://app:hunter2@db/app\") == \"url-with-password\"`, "
            "`secrets.kind(\"${TOKEN}\") == null`"),
      entry("secrets.entropy", {str()}, num(),
            "Shannon entropy of the string in bits per byte (0 for \"\").",
            "`secrets.entropy(\"aaaa\") == 0`, `secrets.entropy(\"abcd\") == 2`"),
      entry("secrets.credential_name", {str()}, boolean(),
            "Does the name say its value is a credential (DB_PASSWORD, API_KEY, clientSecret, "
            "GITHUB_TOKEN) rather than a setting about one (PASSWORD_FILE, TOKEN_URL, SECRET_ARN)?",
            "`secrets.credential_name(\"DB_PASSWORD\") == true`, "
            "`secrets.credential_name(\"DB_PASSWORD_FILE\") == false`"),
      entry("secrets.is_placeholder", {any()}, boolean(),
            "Is the value a stand-in rather than a secret: empty or null, a reference (${VAR}, "
            "{{...}}, <...>), a mask (xxxx, ****) or a placeholder word (changeme, TODO, example)?",
            "`secrets.is_placeholder(\"${DB_PASSWORD}\") == true`, "
            "`secrets.is_placeholder(\"hunter2\") == false`"),
      entry("arn.parse", {str()}, Type::map_of(str()),
            "The parts of an ARN as an object with keys partition, service, region, account, "
            "resource; null when the ARN is not well formed.",
            "`arn.parse(\"arn:aws:iam::123456789012:role/app\").resource == \"role/app\"`"),
      // 30
      entry("arn.is_valid", {str()}, boolean(), "Is the string a well-formed ARN?",
            "`arn.is_valid(\"arn:aws:iam::123456789012:role/app\") == true`"),
      entry("arn.account", {str()}, str(),
            "The 12-digit account id of a valid ARN; null when it is invalid or has none.",
            "`arn.account(\"arn:aws:iam::123456789012:role/app\") == \"123456789012\"`"),
      entry("arn.role_name", {str()}, str(),
            "The role name of an IAM role ARN, without its path; null for anything else.",
            "`arn.role_name(\"arn:aws:iam::123456789012:role/service-role/app\") == \"app\"`"),
      entry("secret_ref.kind", {str()}, str(),
            "What a `valueFrom` points at: \"secretsmanager\", \"ssm\" or \"invalid\".",
            "`secret_ref.kind(\"/prod/db/password\") == \"ssm\"`"),
      entry("image.parse", {str()}, Type::map_of(str()),
            "An image reference as an object with keys registry, repository, tag, digest (tag "
            "and digest null when not written); null when the reference is malformed.",
            "`image.parse(\"nginx\").repository == \"library/nginx\"`"),
      // 35
      entry("image.registry", {str()}, str(),
            "The registry of an image reference (docker.io when none is written); null when "
            "malformed.",
            "`image.registry(\"nginx:1.25\") == \"docker.io\"`"),
      entry("image.is_ecr", {str()}, boolean(),
            "Does the image come from a private Amazon ECR registry (any region or partition)?",
            "`image.is_ecr(\"123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1\") == true`"),
      entry("image.pinned", {str()}, boolean(), "Is the image pinned by digest (@sha256:...)?",
            "`image.pinned(\"nginx:1.25\") == false`"),
      entry("user.is_root", {any()}, boolean(),
            "Does the container run as root: user null/absent or empty, \"root\", \"0\", "
            "\"root:<group>\" or \"0:<group>\"?",
            "`user.is_root(\"0:0\") == true`, `user.is_root(\"1000\") == false`"),
      entry("user.is_windows_admin", {any()}, boolean(),
            "Does a Windows container run as an administrator: user absent, "
            "ContainerAdministrator, Administrator or SYSTEM (any case, any domain prefix)?",
            "`user.is_windows_admin(\"ContainerUser\") == false`"),
      // 40
      entry("capability.normalize", {str()}, str(),
            "A Linux capability name upper-cased without the CAP_ prefix.",
            "`capability.normalize(\"cap_sys_admin\") == \"SYS_ADMIN\"`"),
      entry("split_any", {str(), str()}, list_of(str()),
            "Splits at every occurrence of any character of the second string (the words of an "
            "ARN or a path in one call); empty separators give the whole string.",
            "`split_any(\"role/app-prod\", \"/-\") == [\"role\", \"app\", \"prod\"]`"),
      unknown_aware(entry("coalesce", {any(), any()}, any(),
                          "The first value unless it is null (absent without a default), else "
                          "the second: a message's words for a field that is not set. Unknown "
                          "when the value it gives is.",
                          "`coalesce(c.user, \"not set\") == \"not set\"` for a container "
                          "without `user`")),
  };
}

}  // namespace

std::span<const Builtin> catalog() {
  static const std::vector<Builtin> entries = make_catalog();
  return entries;
}

std::optional<std::uint32_t> find(std::string_view name) {
  const auto entries = catalog();
  const auto it = std::find_if(entries.begin(), entries.end(),
                               [&](const Builtin& b) { return b.name == name; });
  if (it == entries.end()) return std::nullopt;
  return static_cast<std::uint32_t>(it - entries.begin());
}

}  // namespace taskguard::builtins
