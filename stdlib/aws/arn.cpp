#include "stdlib/aws/arn.hpp"

#include <algorithm>
#include <array>

#include "stdlib/text/strings.hpp"

namespace taskguard::aws {
namespace {

bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_known_partition(std::string_view p) {
  constexpr std::array kPartitions = {std::string_view("aws"),        std::string_view("aws-cn"),
                                      std::string_view("aws-us-gov"), std::string_view("aws-iso"),
                                      std::string_view("aws-iso-b"),  std::string_view("aws-iso-e"),
                                      std::string_view("aws-iso-f"),  std::string_view("aws-eusc")};
  return std::find(kPartitions.begin(), kPartitions.end(), p) != kPartitions.end();
}

bool is_service(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(),
                                   [](char c) { return is_lower(c) || is_digit(c) || c == '-'; });
}

// Words of lower-case letters, then a number: us-east-1, us-gov-west-1, eu-isoe-west-1,
// eusc-de-east-1.
bool is_region(std::string_view r) {
  const std::size_t last_dash = r.rfind('-');
  if (last_dash == std::string_view::npos) return false;
  const std::string_view words = r.substr(0, last_dash);  // at least two of them
  const std::string_view number = r.substr(last_dash + 1);
  if (words.find('-') == std::string_view::npos) return false;
  if (number.empty() || !std::all_of(number.begin(), number.end(), is_digit)) return false;
  return text::every_part(words, "-", [](std::string_view word) {
    return !word.empty() && std::all_of(word.begin(), word.end(), is_lower);
  });
}

bool is_account_id(std::string_view a) {
  return a.size() == 12 && std::all_of(a.begin(), a.end(), is_digit);
}

// Services whose ARNs always name the owning account.
bool requires_account(std::string_view service) {
  constexpr std::array kServices = {"iam",
                                    "sts",
                                    "ecs",
                                    "ecr",
                                    "logs",
                                    "kms",
                                    "secretsmanager",
                                    "ssm",
                                    "lambda",
                                    "sqs",
                                    "sns",
                                    "dynamodb",
                                    "elasticfilesystem",
                                    "ec2",
                                    "rds",
                                    "events",
                                    "states",
                                    "elasticloadbalancing",
                                    "cloudformation",
                                    "servicediscovery",
                                    "appmesh",
                                    "firehose"};
  return std::find(kServices.begin(), kServices.end(), service) != kServices.end();
}

// IAM: 1 to 64 characters of letters, digits and +=,.@_-
bool is_role_name(std::string_view name) {
  return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
    return is_lower(c) || is_digit(c) || (c >= 'A' && c <= 'Z') ||
           std::string_view("+=,.@_-").find(c) != std::string_view::npos;
  });
}

}  // namespace

std::optional<Arn> parse_arn(std::string_view s) {
  std::array<std::string_view, 6> fields;
  std::size_t start = 0;
  for (std::size_t i = 0; i < 5; ++i) {
    const std::size_t colon = s.find(':', start);
    if (colon == std::string_view::npos) return std::nullopt;
    fields[i] = s.substr(start, colon - start);
    start = colon + 1;
  }
  fields[5] = s.substr(start);
  const Arn arn{fields[1], fields[2], fields[3], fields[4], fields[5]};

  if (fields[0] != "arn" || !is_known_partition(arn.partition) || !is_service(arn.service)) {
    return std::nullopt;
  }
  if (arn.resource.empty()) return std::nullopt;
  if (!arn.region.empty() && !is_region(arn.region)) return std::nullopt;
  const bool aws_managed = arn.account == "aws" && arn.service == "iam";
  if (!arn.account.empty() && !is_account_id(arn.account) && !aws_managed) return std::nullopt;
  if (requires_account(arn.service) && !is_account_id(arn.account) && !aws_managed) {
    return std::nullopt;
  }
  if (arn.service == "iam" && !arn.region.empty()) return std::nullopt;
  return arn;
}

bool is_valid_arn(std::string_view s) {
  return parse_arn(s).has_value();
}

std::optional<std::string_view> arn_account(std::string_view s) {
  const auto arn = parse_arn(s);
  if (!arn || !is_account_id(arn->account)) return std::nullopt;
  return arn->account;
}

std::optional<std::string_view> role_name(std::string_view s) {
  const auto arn = parse_arn(s);
  if (!arn || arn->service != "iam" || !arn->resource.starts_with("role/")) return std::nullopt;
  const std::string_view path_and_name = arn->resource.substr(5);
  const std::string_view name = path_and_name.substr(path_and_name.rfind('/') + 1);
  if (!is_role_name(name)) return std::nullopt;
  return name;
}

}  // namespace taskguard::aws
