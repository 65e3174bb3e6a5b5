#pragma once
// One parsed document (JSON or YAML, any shape) → the task definitions in it, normalised.
// Shape is recognised by content, never by file name (docs/inputs.md lists the rules).

#include <string>
#include <string_view>

#include "interpreter/document/document.hpp"

namespace taskguard::loaders {

enum class Shape : unsigned char {
  Api,             // top-level containerDefinitions
  Describe,        // top-level taskDefinition (+ tags), or the botocore {status_code, data} wrapper
  CloudFormation,  // Resources / AWSTemplateFormatVersion
  TerraformPlan,   // format_version + planned_values / resource_changes (or a state's values)
  Unrecognised,
};

Shape detect_shape(const document::Node& root);
std::string_view shape_name(Shape shape);  // Origin::shape: "api", "describe", ...

// Everything the per-shape extractors share: where results go and how to name them.
struct ExtractContext {
  document::Arena& arena;
  // Shared by every task definition of the file (and by their outcomes): one copy of the name.
  const document::SharedText& file;
  std::size_t line_in_stream = 0;  // NDJSON: 1-based line of this value
  document::LoadedFile& out;

  void add(document::Node* canonical, Shape shape, std::string resource = {},
           const document::Node* metadata = nullptr);
};

// Appends the task definitions of `root` to ctx.out (and any problems to ctx.out.errors). A
// document with none is reported as a warning naming what was expected.
void extract_task_definitions(document::Node* root, ExtractContext& ctx);

void extract_cloudformation(document::Node* root, ExtractContext& ctx);
void extract_terraform(document::Node* root, ExtractContext& ctx);

}  // namespace taskguard::loaders
