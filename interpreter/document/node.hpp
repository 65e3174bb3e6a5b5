#pragma once
// The canonical document model: one immutable tree per task definition, in the ECS API shape,
// allocated in the document's own arena. Every node remembers where it came from in the file the
// user wrote, and its parent, so a finding can name both a JSON pointer and a line and column.

#include <cstdint>
#include <memory_resource>
#include <span>
#include <string>
#include <string_view>

#include "stdlib/schema/schema.hpp"

namespace taskguard::document {

struct SourcePos {
  std::uint32_t line = 0;  // 1-based; 0 means "not known"
  std::uint32_t column = 0;
  bool known() const { return line != 0; }
};

enum class NodeKind : std::uint8_t { Null, Bool, Number, String, Array, Object, Unknown };

struct Node;

struct Member {
  std::string_view key;                   // as written (after schema mapping: canonical spelling)
  schema::KeyId key_id = schema::kNoKey;  // interned when `key` is a schema field name
  const Node* value = nullptr;
};

struct Node {
  NodeKind kind = NodeKind::Null;
  // True when a loader substituted a value the file did not state directly (a CloudFormation
  // parameter's Default standing in for a Ref): findings on it say "assumed".
  bool assumed = false;
  bool boolean = false;
  double number = 0;
  // String: the text. Unknown: why it is unknown ("!GetAtt TaskRole.Arn", "known after apply").
  std::string_view text;
  std::span<const Node* const> items;  // Array
  std::span<const Member> members;     // Object, in document order
  SourcePos pos;
  const Node* parent = nullptr;
  std::uint32_t index_in_parent = 0;  // array index, or member index in the parent object

  bool is_null() const { return kind == NodeKind::Null; }
  bool is_unknown() const { return kind == NodeKind::Unknown; }
  bool is_object() const { return kind == NodeKind::Object; }
  bool is_array() const { return kind == NodeKind::Array; }
  bool is_string() const { return kind == NodeKind::String; }

  // Member lookup; nullptr when absent. By id for schema fields (no string compare), by text for
  // user-keyed maps such as log options and docker labels.
  const Node* get(schema::KeyId key) const;
  const Node* get(std::string_view key) const;

  // RFC 6901 pointer from the document root, e.g. "/containerDefinitions/0/environment/2/value".
  std::string pointer() const;
};

// Owns the memory of one or more documents' nodes and strings. Not thread-safe: each loader
// thread builds into its own arena.
class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  Node* make(NodeKind kind, SourcePos pos = {});
  Node* make_string(std::string_view text, SourcePos pos = {});
  Node* make_number(double value, SourcePos pos = {});
  Node* make_bool(bool value, SourcePos pos = {});
  Node* make_unknown(std::string_view reason, SourcePos pos = {});
  // Copies `items` / `members` into the arena and sets each child's parent link.
  void set_items(Node& array, std::span<Node* const> items);
  void set_members(Node& object, std::span<const Member> members);
  std::string_view copy(std::string_view text);

  std::pmr::memory_resource* resource() { return &memory_; }

 private:
  std::pmr::monotonic_buffer_resource memory_;
};

}  // namespace taskguard::document
