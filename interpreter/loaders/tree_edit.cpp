#include "interpreter/loaders/tree_edit.hpp"

#include <algorithm>
#include <vector>

namespace taskguard::loaders {

using document::Arena;
using document::Member;
using document::Node;
using document::NodeKind;

void adopt_members(Arena& arena, Node& object, std::span<const Member> members) {
  auto* storage = static_cast<Member*>(arena.resource()->allocate(
      sizeof(Member) * std::max<std::size_t>(members.size(), 1), alignof(Member)));
  std::copy(members.begin(), members.end(), storage);
  object.set_members({storage, members.size()});
  relink(object);
}

void relink(Node& object) {
  std::uint32_t i = 0;
  for (const Member& m : object.members()) {
    Node& child = mutable_node(m.value);
    child.parent = &object;
    child.index_in_parent = i++;
  }
}

void relink_items(Node& array) {
  std::uint32_t i = 0;
  for (const Node* item : array.items()) {
    Node& child = mutable_node(item);
    child.parent = &array;
    child.index_in_parent = i++;
  }
}

Node* deep_copy(Arena& arena, const Node& node) {
  Node* copy = arena.make(node.kind, node.pos);
  copy->assumed = node.assumed;
  copy->boolean = node.boolean;
  copy->number = node.number;
  if (!node.is_container()) copy->set_text(node.text());  // already in this arena (or static)
  if (node.kind == NodeKind::Array) {
    std::vector<Node*> items;
    items.reserve(node.items().size());
    for (const Node* item : node.items())
      items.push_back(deep_copy(arena, *item));
    arena.set_items(*copy, items);
  } else if (node.kind == NodeKind::Object) {
    std::vector<Member> members(node.members().begin(), node.members().end());
    for (Member& m : members)
      m.value = deep_copy(arena, *m.value);
    adopt_members(arena, *copy, members);
  }
  return copy;
}

void set_position(Node& node, document::SourcePos pos) {
  node.pos = pos;
  for (const Node* item : node.items())
    set_position(mutable_node(item), pos);
  for (const Member& m : node.members())
    set_position(mutable_node(m.value), pos);
}

}  // namespace taskguard::loaders
