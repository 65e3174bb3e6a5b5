#include "language/compiler/pools.hpp"

#include <bit>

namespace taskguard::compiler {

std::uint32_t Pools::intern(program::Constant c) {
  // Numbers by bit pattern: NaN must not break the map's ordering.
  auto signature = std::make_tuple(static_cast<int>(c.kind), c.boolean,
                                   std::bit_cast<std::uint64_t>(c.number), c.text, c.items);
  auto it = constant_index_.find(signature);
  if (it != constant_index_.end()) return it->second;
  const auto index = static_cast<std::uint32_t>(constants_.size());
  constants_.push_back(std::move(c));
  constant_index_.emplace(std::move(signature), index);
  return index;
}

std::uint32_t Pools::constant(const Folded& value) {
  program::Constant c;
  c.kind = value.kind;
  c.boolean = value.boolean;
  c.number = value.number;
  c.text = value.text;
  for (const Folded& item : value.items)
    c.items.push_back(constant(item));
  return intern(std::move(c));
}

std::uint32_t Pools::regex(const std::string& pattern) {
  program::Constant c;
  c.kind = program::Constant::Kind::Regex;
  c.text = pattern;
  return intern(std::move(c));
}

std::uint32_t Pools::key(const std::string& name, program::KeyLookup lookup) {
  auto signature = std::make_pair(name, static_cast<int>(lookup));
  auto it = key_index_.find(signature);
  if (it != key_index_.end()) return it->second;
  const auto index = static_cast<std::uint32_t>(keys_.size());
  keys_.push_back({name, lookup, schema::kNoKey});
  key_index_.emplace(std::move(signature), index);
  return index;
}

std::uint32_t Pools::builtin(const std::string& name) {
  auto it = builtin_index_.find(name);
  if (it != builtin_index_.end()) return it->second;
  const auto index = static_cast<std::uint32_t>(builtins_.size());
  builtins_.push_back(name);
  builtin_index_.emplace(name, index);
  return index;
}

}  // namespace taskguard::compiler
