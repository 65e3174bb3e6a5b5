#include "interpreter/document/node.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <vector>

namespace taskguard::document {

const Node* Node::get(schema::KeyId key) const {
  if (kind != NodeKind::Object || key == schema::kNoKey) return nullptr;
  for (const Member& m : members()) {
    if (m.key_id == key) return m.value;
  }
  return nullptr;
}

const Node* Node::get(std::string_view key) const {
  if (kind != NodeKind::Object) return nullptr;
  for (const Member& m : members()) {
    if (m.key() == key) return m.value;
  }
  return nullptr;
}

namespace {

// RFC 6901: "~" is written "~0" and "/" is written "~1". Keys rarely hold either, so the key is
// appended whole unless it does.
void append_escaped(std::string& out, std::string_view token) {
  // (Not find_first_of, which libstdc++ runs as one memchr per byte of the token.)
  if (std::none_of(token.begin(), token.end(), [](char c) { return c == '~' || c == '/'; })) {
    out += token;
    return;
  }
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

void append_reference(std::string& out, const Node& n) {
  out += '/';
  if (n.parent->kind == NodeKind::Array) {
    char digits[16];
    const auto end = std::to_chars(digits, digits + sizeof digits, n.index_in_parent).ptr;
    out.append(digits, end);
  } else {
    append_escaped(out, n.parent->members()[n.index_in_parent].key());
  }
}

// The general case: any depth, any key (escaped).
std::string pointer_of(const Node& node) {
  std::vector<const Node*> chain;
  for (const Node* n = &node; n->parent != nullptr; n = n->parent)
    chain.push_back(n);
  std::string out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it)
    append_reference(out, **it);
  return out;
}

}  // namespace

// Every outcome asks for its location's pointer. Walking up from the node gives the path from
// the end, so it is written backwards into a buffer on the stack and becomes a string once; a
// path too long for the buffer, or a key that needs escaping, takes the general way.
std::string Node::pointer() const {
  constexpr std::size_t kBuffer = 256;
  std::array<char, kBuffer> buffer;
  std::size_t start = kBuffer;
  for (const Node* n = this; n->parent != nullptr; n = n->parent) {
    char digits[16];
    std::string_view token;
    if (n->parent->kind == NodeKind::Array) {
      token = {digits,
               static_cast<std::size_t>(
                   std::to_chars(digits, digits + sizeof digits, n->index_in_parent).ptr - digits)};
    } else {
      token = n->parent->members()[n->index_in_parent].key();
      if (std::any_of(token.begin(), token.end(), [](char c) { return c == '~' || c == '/'; }))
        return pointer_of(*this);
    }
    if (token.size() + 1 > start) return pointer_of(*this);
    start -= token.size();
    std::copy(token.begin(), token.end(), buffer.begin() + static_cast<std::ptrdiff_t>(start));
    buffer[--start] = '/';
  }
  return std::string(buffer.data() + start, kBuffer - start);
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
  n->set_text(copy(text));
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
  n->set_text(copy(reason));
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
  array.set_items({storage, items.size()});
}

void Arena::set_members(Node& object, std::span<const Member> members) {
  auto* storage = static_cast<Member*>(
      memory_.allocate(sizeof(Member) * std::max<std::size_t>(members.size(), 1), alignof(Member)));
  for (std::size_t i = 0; i < members.size(); ++i) {
    storage[i] = members[i];
    storage[i].set_key(copy(members[i].key()));
    auto* child = const_cast<Node*>(members[i].value);
    child->parent = &object;
    child->index_in_parent = static_cast<std::uint32_t>(i);
  }
  object.set_members({storage, members.size()});
}

std::string_view Arena::copy(std::string_view text) {
  if (text.empty()) return {};
  auto* p = static_cast<char*>(memory_.allocate(text.size(), 1));
  std::memcpy(p, text.data(), text.size());
  return {p, text.size()};
}

}  // namespace taskguard::document
