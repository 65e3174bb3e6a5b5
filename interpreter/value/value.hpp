#pragma once
// The VM's value: a 16-byte tagged union that never owns anything. Strings and document
// subtrees are views into the document's arena (never copied); strings and lists made while
// evaluating (interpolation, lower(), list literals, builtin results) live in a Scratch arena
// that is reset between task definitions; constants live in the Program.

#include <cstdint>
#include <memory_resource>
#include <span>
#include <string>
#include <string_view>

#include "interpreter/document/node.hpp"

namespace re2 {
class RE2;
}
namespace taskguard::program {
struct RegexConstant;
}

namespace taskguard::vm {

enum class ValueKind : std::uint8_t {
  Null,
  Bool,
  Number,
  String,
  Unknown,  // a value the loader could not know (CloudFormation intrinsic, "known after apply")
  Regex,
  List,    // made at run time or from a constant
  Record,  // an object made at run time (builtin results such as arn.parse) or a constant
  Node,    // a document array or object; document scalars are unpacked into the kinds above
};

const char* kind_name(ValueKind kind);

class Value;
struct ListValue;
struct RecordValue;

class Value {
 public:
  Value() : number_(0) {}
  static Value null() { return Value(); }
  static Value boolean(bool b) {
    Value v;
    v.kind_ = ValueKind::Bool;
    v.flag_ = b;
    return v;
  }
  static Value number(double d) {
    Value v;
    v.kind_ = ValueKind::Number;
    v.number_ = d;
    return v;
  }
  static Value string(std::string_view s) {
    Value v;
    v.kind_ = ValueKind::String;
    v.chars_ = s.data();
    v.length_ = static_cast<std::uint32_t>(s.size());
    return v;
  }
  // `origin` is the document node that is unknown (its text says why); may be null when the
  // unknown-ness was derived (e.g. iterating an unknown collection keeps that collection).
  static Value unknown(const document::Node* origin) {
    Value v;
    v.kind_ = ValueKind::Unknown;
    v.node_ = origin;
    return v;
  }
  static Value regex(const program::RegexConstant* re) {
    Value v;
    v.kind_ = ValueKind::Regex;
    v.regex_ = re;
    return v;
  }
  static Value list(const ListValue* list) {
    Value v;
    v.kind_ = ValueKind::List;
    v.list_ = list;
    return v;
  }
  static Value record(const RecordValue* record) {
    Value v;
    v.kind_ = ValueKind::Record;
    v.record_ = record;
    return v;
  }
  // Unpacks document scalars; arrays and objects stay nodes. nullptr gives null. Inline: every
  // field read and every element of a loop goes through it.
  static Value from_node(const document::Node* node) {
    if (node == nullptr) return null();
    switch (node->kind) {
      case document::NodeKind::Null:
        return null();
      case document::NodeKind::Bool:
        return boolean(node->boolean);
      case document::NodeKind::Number:
        return number(node->number);
      case document::NodeKind::String:
        return string(node->text());
      case document::NodeKind::Unknown:
        return unknown(node);
      case document::NodeKind::Array:
      case document::NodeKind::Object:
        break;
    }
    Value v;
    v.kind_ = ValueKind::Node;
    v.node_ = node;
    return v;
  }
  // A reference to any document node, scalars included, used only while computing a finding's
  // location (`at` paths). `stopped` marks a path that left the document: the location stays at
  // the last present node, whatever members follow.
  static Value node_ref(const document::Node* node, bool stopped = false) {
    Value v;
    v.kind_ = ValueKind::Node;
    v.node_ = node;
    v.flag_ = stopped;
    return v;
  }
  bool ref_stopped() const { return flag_; }

  ValueKind kind() const { return kind_; }
  bool is(ValueKind k) const { return kind_ == k; }
  bool is_null() const { return kind_ == ValueKind::Null; }
  bool is_unknown() const { return kind_ == ValueKind::Unknown; }
  bool as_bool() const { return flag_; }
  double as_number() const { return number_; }
  std::string_view as_string() const { return {chars_, length_}; }
  // Compiled by each VM on first use: see RegexCache in operators.hpp.
  const program::RegexConstant& as_regex() const { return *regex_; }
  const ListValue& as_list() const { return *list_; }
  const RecordValue& as_record() const { return *record_; }
  // Node: the array or object. Unknown: the unknown document node, if any.
  const document::Node* as_node() const { return node_; }
  bool is_array_like() const {  // List or array node
    return kind_ == ValueKind::List || (kind_ == ValueKind::Node && node_->is_array());
  }
  bool is_object_like() const {  // Record or object node
    return kind_ == ValueKind::Record || (kind_ == ValueKind::Node && node_->is_object());
  }

 private:
  ValueKind kind_ = ValueKind::Null;
  bool flag_ = false;
  std::uint32_t length_ = 0;
  union {
    double number_;
    const char* chars_;
    const document::Node* node_;
    const program::RegexConstant* regex_;
    const ListValue* list_;
    const RecordValue* record_;
  };
};

static_assert(sizeof(Value) == 16, "Value is meant to stay two words");

struct ListValue {
  std::span<const Value> items;
  // Where each item came from, when the list was written as a literal of document paths
  // (`for role in [task.taskRoleArn, task.executionRoleArn]`): scalars unpack to plain values,
  // so without this a finding `at role` could not point at the field. Empty otherwise.
  std::span<const document::Node* const> origins;
};

struct RecordEntry {
  std::string_view key;
  Value value;
};

struct RecordValue {
  std::span<const RecordEntry> entries;
  const Value* find(std::string_view key) const;
};

// Per-evaluation memory for values made at run time. reset() frees everything at once.
class Scratch {
 public:
  Scratch() : memory_(initial_, sizeof initial_) {}
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  std::string_view string(std::string_view text);
  Value make_string(std::string_view text) { return Value::string(string(text)); }
  // `size` bytes to write a string into (its Value is Value::string of them).
  std::span<char> chars(std::size_t size);
  Value make_list(std::span<const Value> items);
  // A list of strings viewing the bytes `parts` view (nothing is copied but the views).
  Value make_string_list(std::span<const std::string_view> parts);
  // An empty vector to collect views in before make_string_list: kept across calls, so that
  // splitting a value allocates nothing once the vector has grown.
  std::vector<std::string_view>& views() {
    views_.clear();
    return views_;
  }
  // The same for the items of a list being built before make_list (keys(), values() ...).
  std::vector<Value>& items() {
    items_.clear();
    return items_;
  }
  // `refs` are node references (Value::node_ref) or null, one per item; a reference to a path
  // that left the document (a missing field) gives no origin.
  Value make_located_list(std::span<const Value> items, std::span<const Value> refs);
  Value make_record(std::span<const RecordEntry> entries);
  std::pmr::memory_resource* resource() { return &memory_; }
  void reset() { memory_.release(); }

 private:
  alignas(std::max_align_t) std::byte initial_[16 * 1024];
  std::pmr::monotonic_buffer_resource memory_;
  std::vector<std::string_view> views_;
  std::vector<Value> items_;
};

// Sequence access over List values and array nodes; anything else has no items.
inline std::size_t item_count(const Value& v) {
  if (v.is(ValueKind::List)) return v.as_list().items.size();
  if (v.is(ValueKind::Node) && v.as_node()->is_array()) return v.as_node()->items().size();
  return 0;
}
inline Value item_at(const Value& v, std::size_t i) {
  if (v.is(ValueKind::List)) return v.as_list().items[i];
  return Value::from_node(v.as_node()->items()[i]);
}
// The document node behind item i, when the sequence is an array node (for locations).
const document::Node* item_node(const Value& v, std::size_t i);

// Member access on Record values and object nodes by name. nullopt when absent.
bool has_member(const Value& v, std::string_view key);

// The text interpolation shows: strings raw, null as `null`, unknown as `<unknown>`,
// numbers without a trailing .0, lists and objects JSON-like.
void append_display(std::string& out, const Value& v);
std::string display(const Value& v);

}  // namespace taskguard::vm
