#pragma once
// What a loader hands to the evaluator: canonical task definitions, each with its origin.

#include <memory>
#include <string>
#include <vector>

#include "interpreter/document/node.hpp"
#include "interpreter/document/shared_text.hpp"

namespace taskguard::document {

// Where one task definition came from. `resource` is the CloudFormation logical id or the
// Terraform address ("" for plain API JSON); `index` counts task definitions within the file.
struct Origin {
  SharedText file;    // as the user named it ("-" for standard input)
  std::string shape;  // "api", "describe", "cloudformation", "terraform-plan" (NDJSON lines too)
  std::string resource;
  std::size_t index = 0;
  std::size_t line_in_stream = 0;  // NDJSON: 1-based line; 0 otherwise
};

struct TaskDefinition {
  Origin origin;
  const Node* root = nullptr;  // an Object in the canonical API shape
  // CloudFormation: the resource's `Metadata` object as written (not schema-mapped), or nullptr.
  // Inline waivers live there (Metadata.taskguard.waivers, docs/cli.md).
  const Node* metadata = nullptr;
};

// An input problem: the file could not be read or parsed, or held no task definition.
struct InputError {
  std::string file;
  SourcePos pos;  // unknown when the error is not about a place in the file
  std::string message;
  bool fatal = true;  // false for warnings (duplicate keys, BOM, ...): the file was still loaded
};

// One input file (or NDJSON line batch) after loading: its arena keeps the nodes alive.
struct LoadedFile {
  std::string file;
  std::shared_ptr<Arena> arena;
  std::vector<TaskDefinition> task_definitions;
  std::vector<InputError> errors;  // fatal and warnings
  // The text as read (after any byte-order mark), for code snippets in reports. Shared because
  // every NDJSON batch of one stream and every report line may hold on to it.
  std::shared_ptr<const std::string> text;
};

}  // namespace taskguard::document
