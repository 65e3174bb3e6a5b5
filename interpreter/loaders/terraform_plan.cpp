// Terraform JSON (terraform show -json): every aws_ecs_task_definition in a plan's
// resource_changes and planned_values (child modules included), or in a state's values. A
// resource listed in several places is reported once; "known after apply" becomes unknown.

#include <fmt/core.h>

#include <set>
#include <string>
#include <vector>

#include "interpreter/loaders/extract.hpp"
#include "interpreter/loaders/normalizer.hpp"
#include "interpreter/loaders/tree_edit.hpp"

namespace taskguard::loaders {

using document::Arena;
using document::Member;
using document::Node;
using document::NodeKind;

namespace {

constexpr std::string_view kResourceType = "aws_ecs_task_definition";
constexpr std::string_view kAfterApply = "known after apply";

bool is_task_definition(const Node& resource) {
  const Node* type = resource.get("type");
  const Node* mode = resource.get("mode");
  return type != nullptr && type->is_string() && type->text() == kResourceType &&
         (mode == nullptr || !mode->is_string() || mode->text() == "managed");
}

std::string address_of(const Node& resource) {
  const Node* address = resource.get("address");
  return address != nullptr && address->is_string() ? std::string(address->text())
                                                    : std::string(kResourceType);
}

// Overlays after_unknown (the same structure with `true` where a value is not known yet) on
// after, so the unknown values sit where the attributes would be.
Node* overlay_unknown(Arena& arena, Node* after, const Node* unknown, document::SourcePos at) {
  if (unknown == nullptr) return after;
  if (unknown->kind == NodeKind::Bool) {
    return unknown->boolean ? arena.make_unknown(kAfterApply, after != nullptr ? after->pos : at)
                            : after;
  }
  if (after == nullptr) {
    // A whole sub-structure only partly known: build it from the unknown markers alone.
    if (unknown->is_object())
      after = arena.make(NodeKind::Object, at);
    else if (unknown->is_array())
      after = arena.make(NodeKind::Array, at);
    else
      return nullptr;
  }
  if (unknown->is_object() && after->is_object()) {
    std::vector<Member> members(after->members().begin(), after->members().end());
    for (const Member& u : unknown->members()) {
      bool present = false;
      for (Member& m : members) {
        if (m.key() == u.key()) {
          m.value = overlay_unknown(arena, &mutable_node(m.value), u.value, m.value->pos);
          present = true;
          break;
        }
      }
      if (!present) {
        if (Node* v = overlay_unknown(arena, nullptr, u.value, after->pos))
          members.push_back({u.key(), u.key_id, v});
      }
    }
    adopt_members(arena, *after, members);
  } else if (unknown->is_array() && after->is_array()) {
    std::vector<Node*> items;
    for (std::size_t i = 0; i < after->items().size(); ++i) {
      Node* item = &mutable_node(after->items()[i]);
      items.push_back(i < unknown->items().size()
                          ? overlay_unknown(arena, item, unknown->items()[i], item->pos)
                          : item);
    }
    for (std::size_t i = after->items().size(); i < unknown->items().size(); ++i) {
      if (Node* v = overlay_unknown(arena, nullptr, unknown->items()[i], after->pos))
        items.push_back(v);
    }
    arena.set_items(*after, items);
  }
  return after;
}

class TerraformExtractor {
 public:
  explicit TerraformExtractor(ExtractContext& ctx) : ctx_(ctx) {}

  void run(Node* root) {
    // resource_changes first: only they say what is unknown until apply.
    if (const Node* changes = root->get("resource_changes");
        changes != nullptr && changes->is_array()) {
      for (const Node* rc : changes->items()) {
        if (!rc->is_object() || !is_task_definition(*rc)) continue;
        const Node* change = rc->get("change");
        if (change == nullptr || !change->is_object()) continue;
        const std::string address = address_of(*rc);
        seen_.insert(address);
        const Node* after = change->get("after");
        if (after == nullptr || !after->is_object()) continue;  // being destroyed
        Node* merged = overlay_unknown(ctx_.arena, &mutable_node(after),
                                       change->get("after_unknown"), after->pos);
        add(merged, address);
      }
    }
    if (const Node* planned = root->get("planned_values"); planned != nullptr)
      module(planned->get("root_module"));
    if (const Node* values = root->get("values"); values != nullptr)
      module(values->get("root_module"));
    if (const Node* prior = root->get("prior_state"); prior != nullptr && found_ == 0) {
      if (const Node* values = prior->get("values")) module(values->get("root_module"));
    }
    if (found_ == 0) {
      ctx_.out.errors.push_back(
          {ctx_.file, root->pos,
           "no task definition found: the Terraform plan has no aws_ecs_task_definition "
           "resource",
           false});
    }
  }

 private:
  void module(const Node* m) {
    if (m == nullptr || !m->is_object()) return;
    if (const Node* resources = m->get("resources");
        resources != nullptr && resources->is_array()) {
      for (const Node* r : resources->items()) {
        if (!r->is_object() || !is_task_definition(*r)) continue;
        const std::string address = address_of(*r);
        if (!seen_.insert(address).second) continue;
        const Node* values = r->get("values");
        if (values == nullptr || !values->is_object()) continue;
        add(&mutable_node(values), address);
      }
    }
    if (const Node* children = m->get("child_modules");
        children != nullptr && children->is_array()) {
      for (const Node* child : children->items())
        module(child);
    }
  }

  void add(Node* attributes, const std::string& address) {
    ++found_;
    Normalizer normalizer(ctx_.arena, ctx_.file, ctx_.out.errors);
    ctx_.add(normalizer.task_definition(attributes, Dialect::TerraformResource),
             Shape::TerraformPlan, address);
  }

  ExtractContext& ctx_;
  std::set<std::string> seen_;
  std::size_t found_ = 0;
};

}  // namespace

void extract_terraform(Node* root, ExtractContext& ctx) {
  TerraformExtractor(ctx).run(root);
}

}  // namespace taskguard::loaders
