// CloudFormation templates (JSON or YAML): every AWS::ECS::TaskDefinition resource's Properties,
// mapped from PascalCase by the schema. Parameters with a Default resolve Refs (as assumed values).

#include <fmt/core.h>

#include "interpreter/loaders/extract.hpp"
#include "interpreter/loaders/normalizer.hpp"
#include "interpreter/loaders/tree_edit.hpp"

namespace taskguard::loaders {

using document::Member;
using document::Node;
using document::NodeKind;

namespace {

TemplateParameters parameters_of(const Node& root) {
  TemplateParameters out;
  const Node* params = root.get("Parameters");
  if (params == nullptr || !params->is_object()) return out;
  for (const Member& m : params->members()) {
    TemplateParameters::Parameter p;
    if (m.value->is_object()) {
      const Node* def = m.value->get("Default");
      if (def != nullptr && !def->is_null()) p.default_value = def;
      const Node* type = m.value->get("Type");
      if (type != nullptr && type->is_string()) {
        p.is_list = type->text() == "CommaDelimitedList" || type->text().rfind("List<", 0) == 0;
      }
    }
    out.parameters.emplace(std::string(m.key()), p);
  }
  return out;
}

std::string_view kind_phrase(const Node& node) {
  switch (node.kind) {
    case NodeKind::String:
      return "a string";
    case NodeKind::Number:
      return "a number";
    case NodeKind::Bool:
      return "a boolean";
    case NodeKind::Array:
      return "a list";
    default:
      return "this value";
  }
}

}  // namespace

void extract_cloudformation(Node* root, ExtractContext& ctx) {
  const Node* resources = root->get("Resources");
  const TemplateParameters parameters = parameters_of(*root);
  std::size_t found = 0;
  if (resources != nullptr && resources->is_object()) {
    for (const Member& r : resources->members()) {
      if (!r.value->is_object()) continue;
      const Node* type = r.value->get("Type");
      if (type == nullptr || !type->is_string() || type->text() != "AWS::ECS::TaskDefinition")
        continue;
      ++found;
      const Node* properties = r.value->get("Properties");
      Node* raw = nullptr;
      if (properties != nullptr && !properties->is_null() && !properties->is_object()) {
        // Reading it as "nothing set" would check a task definition nobody wrote.
        ctx.out.errors.push_back(
            {ctx.file, properties->pos,
             fmt::format("resource {}: Properties of an AWS::ECS::TaskDefinition must be an "
                         "object (a map of properties), not {}",
                         r.key(), kind_phrase(*properties)),
             true});
        continue;
      }
      if (properties != nullptr && properties->is_object()) {
        raw = &mutable_node(properties);
      } else {
        // No Properties: a task definition with nothing set (every field at its default).
        raw = ctx.arena.make(NodeKind::Object, r.value->pos);
      }
      Normalizer normalizer(ctx.arena, ctx.file, ctx.out.errors, &parameters);
      Node* canonical = normalizer.task_definition(raw, Dialect::CloudFormation);
      const Node* metadata = r.value->get("Metadata");
      ctx.add(canonical, Shape::CloudFormation, std::string(r.key()),
              metadata != nullptr && metadata->is_object() ? metadata : nullptr);
    }
  }
  if (found == 0) {
    ctx.out.errors.push_back({ctx.file, root->pos,
                              "no task definition found: the CloudFormation template has no "
                              "AWS::ECS::TaskDefinition resource",
                              false});
  }
}

}  // namespace taskguard::loaders
