#pragma once
// The canonical document model: one immutable tree per task definition, in the ECS API shape,
// allocated in the document's own arena. Every node remembers where it came from in the file the
// user wrote, and its parent, so a finding can name both a JSON pointer and a line and column.

#include <cstddef>
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
  Member() = default;
  Member(std::string_view key, schema::KeyId key_id, const Node* value)
      : value(value),
        key_data_(key.data()),
        key_size_(static_cast<std::uint32_t>(key.size())),
        key_id(key_id) {}

  // As written (after schema mapping: canonical spelling).
  std::string_view key() const { return {key_data_, key_size_}; }
  void set_key(std::string_view key) {
    key_data_ = key.data();
    key_size_ = static_cast<std::uint32_t>(key.size());
  }

  const Node* value = nullptr;

 private:
  // A pointer and a 32-bit size rather than a string_view: 24 bytes a member instead of 32
  // (no key comes near 4 GiB: the reader's string limit refuses it first).
  const char* key_data_ = nullptr;
  std::uint32_t key_size_ = 0;

 public:
  schema::KeyId key_id = schema::kNoKey;  // interned when the key is a schema field name
};

struct Node {
  NodeKind kind = NodeKind::Null;
  // True when a loader substituted a value the file did not state directly (a CloudFormation
  // parameter's Default standing in for a Ref): findings on it say "assumed".
  bool assumed = false;
  bool boolean = false;
  std::uint32_t index_in_parent = 0;  // array index, or member index in the parent object
  double number = 0;
  SourcePos pos;
  const Node* parent = nullptr;

  // String: the text. Number: the text as written, when a loader kept it (YAML, the
  // normaliser). Unknown: why it is unknown ("!GetAtt TaskRole.Arn", "known after apply").
  // Empty for an array or an object.
  std::string_view text() const {
    return is_container() ? std::string_view{}
                          : std::string_view{static_cast<const char*>(data_), size_};
  }
  // An array's elements; empty for any other kind.
  std::span<const Node* const> items() const {
    if (kind != NodeKind::Array) return {};
    return {static_cast<const Node* const*>(data_), size_};
  }
  // An object's members in document order; empty for any other kind.
  std::span<const Member> members() const {
    if (kind != NodeKind::Object) return {};
    return {static_cast<const Member*>(data_), size_};
  }

  // Loaders only: the storage must outlive the node (the arena's, or static). Which view is
  // read back is decided by `kind`.
  void set_text(std::string_view text) { set_view(text.data(), text.size()); }
  void set_items(std::span<const Node* const> items) { set_view(items.data(), items.size()); }
  void set_members(std::span<const Member> members) { set_view(members.data(), members.size()); }

  bool is_null() const { return kind == NodeKind::Null; }
  bool is_unknown() const { return kind == NodeKind::Unknown; }
  bool is_object() const { return kind == NodeKind::Object; }
  bool is_array() const { return kind == NodeKind::Array; }
  bool is_string() const { return kind == NodeKind::String; }
  bool is_container() const { return kind == NodeKind::Array || kind == NodeKind::Object; }

  // Member lookup; nullptr when absent. By id for schema fields (no string compare), by text for
  // user-keyed maps such as log options and docker labels.
  const Node* get(schema::KeyId key) const;
  const Node* get(std::string_view key) const;

  // RFC 6901 pointer from the document root, e.g. "/containerDefinitions/0/environment/2/value".
  std::string pointer() const;

 private:
  void set_view(const void* data, std::size_t size) {
    data_ = data;
    size_ = size;
  }

  // Text, items and members are never wanted together, so they share one pointer and size: a
  // task definition's tree is several times its text, and every byte of a node is read back by
  // the checks (48 bytes rather than 88).
  const void* data_ = nullptr;
  std::size_t size_ = 0;
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
