#include "interpreter/document/node.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

namespace taskguard::document {

const Node* Node::get(schema::KeyId key) const {
  if (kind != NodeKind::Object || key == schema::kNoKey) return nullptr;
  for (const Member& m : members) {
    if (m.key_id == key) return m.value;
  }
  return nullptr;
}

const Node* Node::get(std::string_view key) const {
  if (kind != NodeKind::Object) return nullptr;
  for (const Member& m : members) {
    if (m.key == key) return m.value;
  }
  return nullptr;
}

namespace {
void append_escaped(std::string& out, std::string_view token) {
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
}
}  // namespace

std::string Node::pointer() const {
  std::vector<const Node*> chain;
  for (const Node* n = this; n->parent != nullptr; n = n->parent)
    chain.push_back(n);
  std::string out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    const Node* n = *it;
    out += '/';
    if (n->parent->kind == NodeKind::Array) {
      out += std::to_string(n->index_in_parent);
    } else {
      append_escaped(out, n->parent->members[n->index_in_parent].key);
    }
  }
  return out;
}

Node* Arena::make(NodeKind kind, SourcePos pos) {
  void* p = memory_.allocate(sizeof(Node), alignof(Node));
  Node* n = new (p) Node{};
  n->kind = kind;
  n->pos = pos;
  return n;
}

Node* Arena::make_string(std::string_view text, SourcePos pos) {
  Node* n = make(NodeKind::String, pos);
  n->text = copy(text);
  return n;
}

Node* Arena::make_number(double value, SourcePos pos) {
  Node* n = make(NodeKind::Number, pos);
  n->number = value;
  return n;
}

Node* Arena::make_bool(bool value, SourcePos pos) {
  Node* n = make(NodeKind::Bool, pos);
  n->boolean = value;
  return n;
}

Node* Arena::make_unknown(std::string_view reason, SourcePos pos) {
  Node* n = make(NodeKind::Unknown, pos);
  n->text = copy(reason);
  return n;
}

void Arena::set_items(Node& array, std::span<Node* const> items) {
  auto** storage = static_cast<const Node**>(
      memory_.allocate(sizeof(Node*) * std::max<std::size_t>(items.size(), 1), alignof(Node*)));
  for (std::size_t i = 0; i < items.size(); ++i) {
    items[i]->parent = &array;
    items[i]->index_in_parent = static_cast<std::uint32_t>(i);
    storage[i] = items[i];
  }
  array.items = {storage, items.size()};
}

void Arena::set_members(Node& object, std::span<const Member> members) {
  auto* storage = static_cast<Member*>(
      memory_.allocate(sizeof(Member) * std::max<std::size_t>(members.size(), 1), alignof(Member)));
  for (std::size_t i = 0; i < members.size(); ++i) {
    storage[i] = members[i];
    storage[i].key = copy(members[i].key);
    auto* child = const_cast<Node*>(members[i].value);
    child->parent = &object;
    child->index_in_parent = static_cast<std::uint32_t>(i);
  }
  object.members = {storage, members.size()};
}

std::string_view Arena::copy(std::string_view text) {
  if (text.empty()) return {};
  auto* p = static_cast<char*>(memory_.allocate(text.size(), 1));
  std::memcpy(p, text.data(), text.size());
  return {p, text.size()};
}

}  // namespace taskguard::document
