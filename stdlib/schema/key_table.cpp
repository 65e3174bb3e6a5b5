#include "stdlib/schema/key_table.hpp"

#include <cstring>

namespace taskguard::schema {

std::uint64_t KeyTable::head_of(std::string_view name) {
  std::uint64_t head = 0;
  std::memcpy(&head, name.data(), name.size() < 8 ? name.size() : 8);
  return head;
}

std::size_t KeyTable::home(std::uint64_t head, std::size_t size) const {
  // Field names share prefixes ("container...", "awslogs-..."): the length is mixed in too.
  const std::uint64_t h = (head ^ (size * 0x9E3779B97F4A7C15ULL)) * 0xBF58476D1CE4E5B9ULL;
  return static_cast<std::size_t>(h >> 32) & mask_;
}

KeyId KeyTable::find(std::string_view name) const {
  if (slots_.empty() || name.empty()) return kNoKey;
  const std::uint64_t head = head_of(name);
  for (std::size_t i = home(head, name.size());; i = (i + 1) & mask_) {
    const Slot& slot = slots_[i];
    if (slot.size == 0) return kNoKey;
    if (slot.size == name.size() && slot.head == head &&
        (name.size() <= 8 ||
         std::memcmp(names_[slot.name].data() + 8, name.data() + 8, name.size() - 8) == 0)) {
      return slot.id;
    }
  }
}

KeyId KeyTable::insert(std::string_view name, KeyId id) {
  if (const KeyId present = find(name); present != kNoKey) return present;
  if (name.empty()) return kNoKey;
  names_.emplace_back(name);
  ids_.push_back(id);
  if (2 * names_.size() > slots_.size()) {
    grow();  // places every name, the new one included
  } else {
    place(static_cast<std::uint32_t>(names_.size() - 1), id);
  }
  return id;
}

void KeyTable::place(std::uint32_t name_index, KeyId id) {
  const std::string& name = names_[name_index];
  const std::uint64_t head = head_of(name);
  std::size_t i = home(head, name.size());
  while (slots_[i].size != 0)
    i = (i + 1) & mask_;
  slots_[i] = {head, static_cast<std::uint32_t>(name.size()), id, name_index};
}

void KeyTable::grow() {
  // At most half full: a miss (a key no field has, as in free-form maps) ends at an empty slot
  // soon.
  std::size_t capacity = 64;
  while (capacity < 4 * names_.size())
    capacity *= 2;
  slots_.assign(capacity, Slot{});
  mask_ = capacity - 1;
  for (std::uint32_t n = 0; n < names_.size(); ++n)
    place(n, ids_[n]);
}

}  // namespace taskguard::schema
