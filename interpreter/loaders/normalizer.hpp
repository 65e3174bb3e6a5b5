#pragma once
// Rewrites a tree as written into the canonical API shape, walking the schema alongside it: keys
// are matched by the dialect's spelling (API, CloudFormation, Terraform) and renamed to the
// schema's, values are coerced to the schema's type, null means absent, and CloudFormation
// intrinsics or Terraform "known after apply" values become unknown nodes. Table-driven: the only
// knowledge of spellings and shapes is in the schema file.

#include <string>
#include <unordered_map>
#include <vector>

#include "interpreter/document/document.hpp"

namespace taskguard::loaders {

enum class Dialect : unsigned char {
  Api,                  // RegisterTaskDefinition JSON: API spelling
  CloudFormation,       // resource Properties: PascalCase, intrinsics
  TerraformResource,    // aws_ecs_task_definition attributes: snake_case, blocks, tag maps
  TerraformContainers,  // the decoded container_definitions string: API spelling, any letter case
};

// What a CloudFormation template lets a loader resolve: parameters with a Default.
struct TemplateParameters {
  struct Parameter {
    const document::Node* default_value = nullptr;  // nullptr: no Default
    bool is_list = false;                           // CommaDelimitedList, List<...>
  };
  std::unordered_map<std::string, Parameter> parameters;
};

class Normalizer {
 public:
  Normalizer(document::Arena& arena, const std::string& file,
             std::vector<document::InputError>& errors,
             const TemplateParameters* parameters = nullptr);

  // Normalises `raw` (in place where it can) as a task definition; the result has no parent.
  document::Node* task_definition(document::Node* raw, Dialect dialect);

 private:
  struct Walk;
  document::Arena& arena_;
  const std::string& file_;
  std::vector<document::InputError>& errors_;
  const TemplateParameters* parameters_;
};

// A short readable rendering of a CloudFormation intrinsic ("!GetAtt TaskRole.Arn"), used as the
// reason of the unknown value that stands for it.
std::string describe_intrinsic(const document::Node& intrinsic);

// Is `node` a CloudFormation intrinsic function call ({"Ref": ...}, {"Fn::...": ...}, {"Condition":
// ...})?
bool is_intrinsic(const document::Node& node);

}  // namespace taskguard::loaders
