#pragma once
// A compiled policy pack: every rule's bytecode with its metadata, and the pools the bytecode
// indexes (constants, field keys, builtins, parameters). Immutable once built, so one Program
// is shared by every evaluation thread; each thread brings its own VM state.
//
// There is exactly one way to obtain a Program, Program::create, used by both the compiler and
// the bundle reader. It validates every pool entry, checks the syntax of each regex, resolves field
// keys against the running schema and builtins against the running catalogue, and verifies the
// bytecode of every rule (operands in range, jumps on instruction boundaries, consistent stack
// depths), so the VM can trust any Program it is given.

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "language/program/regex_constant.hpp"
#include "language/program/rule_metadata.hpp"
#include "stdlib/schema/schema.hpp"

namespace re2 {
class RE2;
}

namespace taskguard::program {

// A compile-time value. Lists and objects refer to other constants by index; an object's
// `items` alternate key (a String constant) and value.
struct Constant {
  enum class Kind : std::uint8_t { Null, Bool, Number, String, Regex, List, Object };
  Kind kind = Kind::Null;
  bool boolean = false;
  double number = 0;
  std::string text;  // String: the text; Regex: the RE2 pattern
  std::vector<std::uint32_t> items;

  friend bool operator==(const Constant&, const Constant&) = default;
};

// How GET_FIELD finds a member: by interned schema key (no string compare), by name (keys of
// user maps such as docker labels), or by key with a fallback to the name when the compiler
// could not tell which struct the object is.
enum class KeyLookup : std::uint8_t { Id, Name, IdThenName };

struct Key {
  std::string name;
  KeyLookup lookup = KeyLookup::Id;
  schema::KeyId id = schema::kNoKey;  // resolved by Program::create, never stored in bundles
};

struct Parameter {
  std::string name;                 // as declared
  std::string package;              // declaring package
  std::string doc;                  // @doc
  std::uint32_t default_value = 0;  // constant index
};

struct Rule {
  std::shared_ptr<const RuleMetadata> metadata;
  std::vector<std::uint8_t> code;
  std::uint16_t local_count = 0;     // binding, quantifier and inlined-argument slots
  std::uint16_t iterator_count = 0;  // loop states (for clauses and quantifiers)
  std::string cost;                  // worst case, e.g. "1 + 12·|containerDefinitions|"
  std::uint32_t max_stack = 0;       // computed by verification, never trusted from input
};

// Everything a Program is made of, as the compiler produces it and a bundle stores it.
struct ProgramParts {
  std::string compiler_version;
  std::vector<Constant> constants;
  std::vector<Key> keys;
  std::vector<std::string> builtins;  // catalogue names; CALL operands index this table
  std::vector<Parameter> parameters;
  std::vector<Rule> rules;
};

struct InvalidProgram : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Program {
 public:
  // Throws InvalidProgram naming the first problem found.
  static std::shared_ptr<const Program> create(ProgramParts parts);

  const std::string& compiler_version() const { return parts_.compiler_version; }
  const std::vector<Constant>& constants() const { return parts_.constants; }
  const std::vector<Key>& keys() const { return parts_.keys; }
  const std::vector<std::string>& builtin_names() const { return parts_.builtins; }
  // Catalogue index of each entry of builtin_names().
  const std::vector<std::uint32_t>& builtin_indices() const { return builtin_indices_; }
  const std::vector<Parameter>& parameters() const { return parts_.parameters; }
  const std::vector<Rule>& rules() const { return parts_.rules; }
  // The Regex constant number `constant` (nullptr for other constants).
  const RegexConstant* regex(std::uint32_t constant) const;
  const ProgramParts& parts() const { return parts_; }

  ~Program();
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;

 private:
  Program() = default;
  ProgramParts parts_;
  std::vector<std::uint32_t> builtin_indices_;
  std::vector<RegexConstant> regexes_;  // one per constant; only those of Regex ones are used
};

}  // namespace taskguard::program
