#pragma once
// Loaders normalise the trees they have just built in place: the nodes live in the loader's own
// arena and nobody else has seen them yet, so renaming a key or dropping a null member needs no
// copy. These helpers keep that mutation in one place and keep parent links right.

#include <span>

#include "interpreter/document/node.hpp"

namespace taskguard::loaders {

inline std::span<document::Member> mutable_members(document::Node& object) {
  return {const_cast<document::Member*>(object.members().data()), object.members().size()};
}

inline std::span<const document::Node*> mutable_items(document::Node& array) {
  return {const_cast<const document::Node**>(array.items().data()), array.items().size()};
}

inline document::Node& mutable_node(const document::Node* node) {
  return *const_cast<document::Node*>(node);
}

// Like Arena::set_members, but the keys already live in the arena or in static storage (schema
// field names), so they are not copied again.
void adopt_members(document::Arena& arena, document::Node& object,
                   std::span<const document::Member> members);

// Points every child of `object` / `array` back at it, numbered in order.
void relink(document::Node& object);
void relink_items(document::Node& array);

// A deep copy of `node` into `arena` (CloudFormation parameter defaults used in several places).
document::Node* deep_copy(document::Arena& arena, const document::Node& node);

// Sets the source position of `node` and everything under it (values decoded from a string, such
// as Terraform's container_definitions, share the position of that string).
void set_position(document::Node& node, document::SourcePos pos);

}  // namespace taskguard::loaders
