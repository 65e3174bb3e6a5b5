#include "interpreter/loaders/extract.hpp"

#include <vector>

#include "interpreter/loaders/normalizer.hpp"
#include "interpreter/loaders/tree_edit.hpp"

namespace taskguard::loaders {

using document::Member;
using document::Node;
using document::NodeKind;

Shape detect_shape(const Node& root) {
  if (!root.is_object()) return Shape::Unrecognised;
  if (root.get("containerDefinitions") != nullptr) return Shape::Api;
  if (const Node* td = root.get("taskDefinition"); td != nullptr && td->is_object())
    return Shape::Describe;
  if (const Node* data = root.get("data"); data != nullptr && root.get("status_code") != nullptr &&
                                           data->is_object() &&
                                           data->get("taskDefinition") != nullptr) {
    return Shape::Describe;
  }
  if (root.get("Resources") != nullptr || root.get("AWSTemplateFormatVersion") != nullptr) {
    return Shape::CloudFormation;
  }
  if (root.get("format_version") != nullptr &&
      (root.get("planned_values") != nullptr || root.get("resource_changes") != nullptr ||
       root.get("values") != nullptr)) {
    return Shape::TerraformPlan;
  }
  return Shape::Unrecognised;
}

std::string_view shape_name(Shape shape) {
  switch (shape) {
    case Shape::Api:
      return "api";
    case Shape::Describe:
      return "describe";
    case Shape::CloudFormation:
      return "cloudformation";
    case Shape::TerraformPlan:
      return "terraform-plan";
    case Shape::Unrecognised:
      break;
  }
  return "unrecognised";
}

void ExtractContext::add(Node* canonical, Shape shape, std::string resource, const Node* metadata) {
  document::TaskDefinition td;
  td.origin.file = file;
  td.origin.shape = std::string(shape_name(shape));
  td.origin.resource = std::move(resource);
  td.origin.index = out.task_definitions.size();
  td.origin.line_in_stream = line_in_stream;
  td.root = canonical;
  td.metadata = metadata;
  out.task_definitions.push_back(std::move(td));
}

namespace {

// describe-task-definition returns the tags beside the task definition, not inside it.
void extract_describe(Node* holder, ExtractContext& ctx) {
  Node* raw = &mutable_node(holder->get("taskDefinition"));
  const Node* tags = holder->get("tags");
  if (tags != nullptr && tags->is_array() && !tags->items().empty() &&
      raw->get("tags") == nullptr) {
    std::vector<Member> members(raw->members().begin(), raw->members().end());
    const schema::Schema& s = schema::Schema::task_definition();
    members.push_back({s.key_name(s.key("tags")), s.key("tags"), tags});
    adopt_members(ctx.arena, *raw, members);
  }
  Normalizer normalizer(ctx.arena, ctx.file, ctx.out.errors);
  ctx.add(normalizer.task_definition(raw, Dialect::Api), Shape::Describe);
}

}  // namespace

void extract_task_definitions(Node* root, ExtractContext& ctx) {
  const std::size_t before = ctx.out.task_definitions.size();
  switch (detect_shape(*root)) {
    case Shape::Api: {
      Normalizer normalizer(ctx.arena, ctx.file, ctx.out.errors);
      ctx.add(normalizer.task_definition(root, Dialect::Api), Shape::Api);
      break;
    }
    case Shape::Describe: {
      Node* holder =
          root->get("taskDefinition") != nullptr ? root : &mutable_node(root->get("data"));
      extract_describe(holder, ctx);
      break;
    }
    case Shape::CloudFormation:
      extract_cloudformation(root, ctx);
      break;
    case Shape::TerraformPlan:
      extract_terraform(root, ctx);
      break;
    case Shape::Unrecognised:
      // A list of documents (each by the rules above), as some tools export several at once.
      if (root->is_array()) {
        for (const Node* item : root->items()) {
          if (detect_shape(*item) != Shape::Unrecognised)
            extract_task_definitions(&mutable_node(item), ctx);
        }
      }
      break;
  }
  if (ctx.out.task_definitions.size() == before && detect_shape(*root) != Shape::CloudFormation &&
      detect_shape(*root) != Shape::TerraformPlan) {
    ctx.out.errors.push_back(
        {ctx.file, root->pos,
         "no task definition found: expected containerDefinitions (register JSON), taskDefinition "
         "(describe output), a CloudFormation template or a Terraform plan (terraform show -json)",
         false});
  }
}

}  // namespace taskguard::loaders
