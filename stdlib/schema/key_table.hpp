#pragma once
// Field name -> KeyId, for the loaders: every member of every document is looked up here while
// it is parsed, a few hundred times per task definition. An open-addressed table whose slots
// hold the name's length and first eight bytes answers most lookups from one cache line, where
// a node-based hash map chased two pointers and hashed every byte first.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace taskguard::schema {

// A field name interned by the schema; kNoKey for a name no field has.
using KeyId = std::uint16_t;
inline constexpr KeyId kNoKey = 0xFFFF;

class KeyTable {
 public:
  // Adds `name` with `id` unless present; returns the id the name has in the table (kNoKey for
  // the empty name, which is never a field name).
  KeyId insert(std::string_view name, KeyId id);
  KeyId find(std::string_view name) const;
  std::size_t size() const { return names_.size(); }

 private:
  struct Slot {
    std::uint64_t head = 0;  // the name's first eight bytes, zero-padded
    std::uint32_t size = 0;  // 0: empty (the empty name is never a field name)
    KeyId id = kNoKey;
    std::uint32_t name = 0;  // index into names_, for the bytes past the head
  };

  static std::uint64_t head_of(std::string_view name);
  std::size_t home(std::uint64_t head, std::size_t size) const;
  void place(std::uint32_t name_index, KeyId id);
  void grow();

  std::vector<Slot> slots_;
  std::vector<std::string> names_;
  std::vector<KeyId> ids_;
  std::size_t mask_ = 0;
};

}  // namespace taskguard::schema
