#pragma once
// The pools a program's bytecode indexes, built while compiling: each distinct constant, field
// key and builtin is stored once, whichever rule uses it.

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "language/compiler/folding.hpp"
#include "language/program/program.hpp"

namespace taskguard::compiler {

class Pools {
 public:
  std::uint32_t constant(const Folded& value);
  std::uint32_t regex(const std::string& pattern);
  std::uint32_t key(const std::string& name, program::KeyLookup lookup);
  std::uint32_t builtin(const std::string& name);

  std::vector<program::Constant> take_constants() { return std::move(constants_); }
  std::vector<program::Key> take_keys() { return std::move(keys_); }
  std::vector<std::string> take_builtins() { return std::move(builtins_); }

 private:
  std::uint32_t intern(program::Constant c);

  std::vector<program::Constant> constants_;
  std::map<std::tuple<int, bool, std::uint64_t, std::string, std::vector<std::uint32_t>>,
           std::uint32_t>
      constant_index_;
  std::vector<program::Key> keys_;
  std::map<std::pair<std::string, int>, std::uint32_t> key_index_;
  std::vector<std::string> builtins_;
  std::map<std::string, std::uint32_t> builtin_index_;
};

}  // namespace taskguard::compiler
