#pragma once
// Amazon Resource Names: arn:partition:service:region:account-id:resource.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html

#include <optional>
#include <string_view>

namespace taskguard::aws {

struct Arn {
  std::string_view partition;  // aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e ...
  std::string_view service;    // iam, secretsmanager, ssm, ecs ...
  std::string_view region;     // empty for global services (iam, s3 buckets)
  std::string_view account;    // 12 digits, "aws" for AWS-managed IAM policies, or empty
  std::string_view resource;   // everything after the fifth colon: "role/path/name", "secret:x"
};

// The parts of a well-formed ARN, viewing into `s`; nullopt when it is not one:
//  - six colon-separated fields, the last (resource) non-empty and allowed to hold colons;
//  - a known partition: aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f,
//    aws-eusc;
//  - a service of lower-case letters, digits and '-';
//  - a region that is empty or shaped like one: lower-case words and a number (us-east-1,
//    cn-north-1, us-gov-west-1, us-isob-east-1, eusc-de-east-1);
//  - an account that is empty, 12 digits or "aws"; services whose resources always live in an
//    account (iam, sts, ecs, ecr, logs, kms, secretsmanager, ssm, lambda, ...) require 12 digits
//    ("aws" is accepted for iam, where AWS-managed policies live);
//  - iam resources have no region.
std::optional<Arn> parse_arn(std::string_view s);

bool is_valid_arn(std::string_view s);

// The account id of a valid ARN, when it has one (not for an S3 bucket or an AWS-managed policy).
std::optional<std::string_view> arn_account(std::string_view s);

// The name of an IAM role from its ARN, without the path:
// arn:aws:iam::123456789012:role/service-role/my-role → "my-role". nullopt when `s` is not an
// IAM role ARN.
std::optional<std::string_view> role_name(std::string_view s);

}  // namespace taskguard::aws
