#pragma once
// The language's operators on values, with the agreed semantics: structural equality without
// coercion, ordering on two numbers or two strings only, Kleene logic for unknown, `in` as
// membership / substring / key presence. Shared by the VM and the test-only reference evaluator
// so that both interpret one definition; what they differ in is control flow.

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "interpreter/value/value.hpp"

namespace taskguard::text {
class FilteredRegex;
}

namespace taskguard::vm {

// A runtime error in one binding: the outcome becomes `error` with this message.
struct RuntimeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class Truth : std::uint8_t { False, True, Unknown };

// The RuntimeError truth() throws for a value that is not a condition.
[[noreturn]] void not_a_condition(const Value& v, std::string_view context);

// bool → itself, unknown → Unknown, null → False (an absent optional value is not "true");
// anything else is a RuntimeError naming `context`. Inline, like the helpers below: every
// condition, `and` and `or` the VM runs goes through them.
inline Truth truth(const Value& v, std::string_view context = "a condition") {
  switch (v.kind()) {
    case ValueKind::Bool:
      return v.as_bool() ? Truth::True : Truth::False;
    case ValueKind::Unknown:
      return Truth::Unknown;
    case ValueKind::Null:
      return Truth::False;
    default:
      not_a_condition(v, context);
  }
}

inline Value truth_value(Truth t, const Value& unknown_origin) {
  switch (t) {
    case Truth::False:
      return Value::boolean(false);
    case Truth::True:
      return Value::boolean(true);
    case Truth::Unknown:
      break;
  }
  return unknown_origin.is_unknown() ? unknown_origin : Value::unknown(nullptr);
}

inline Truth kleene_and(Truth a, Truth b) {
  if (a == Truth::False || b == Truth::False) return Truth::False;
  if (a == Truth::Unknown || b == Truth::Unknown) return Truth::Unknown;
  return Truth::True;
}

inline Truth kleene_or(Truth a, Truth b) {
  if (a == Truth::True || b == Truth::True) return Truth::True;
  if (a == Truth::Unknown || b == Truth::Unknown) return Truth::Unknown;
  return Truth::False;
}

// Structural equality; different kinds are unequal; unknown on either side → Unknown.
Truth equal(const Value& a, const Value& b);

enum class Ordering : std::uint8_t { Less, LessEqual, Greater, GreaterEqual };
Value order(Ordering op, const Value& a, const Value& b);

// `a in b`: b list → membership; b string → substring; b object/map → key presence;
// b null → false. Unknown on either side (or an unknown element when nothing matched) → Unknown.
Value contains(const Value& a, const Value& b);

enum class Arithmetic : std::uint8_t { Add, Subtract, Multiply, Divide };
// Numbers; `+` also joins two strings (the result lives in `scratch`).
Value arithmetic(Arithmetic op, const Value& a, const Value& b, Scratch& scratch);
Value negate(const Value& a);

// Compiles patterns on first use and keeps them, per VM: a regex searched by two threads costs
// them its lock's cache line on every search (program/regex_constant.hpp).
class RegexCache {
 public:
  RegexCache();
  ~RegexCache();
  // A pattern given as a string; throws RuntimeError if RE2 refuses it.
  const text::FilteredRegex& get(std::string_view pattern);
  // A regex constant of the VM's program; throws RuntimeError if RE2 cannot compile it (its
  // syntax was checked with the program: one past RE2's memory budget).
  const text::FilteredRegex& get(const program::RegexConstant& regex);

 private:
  // Looked up by the pattern's view, without making a std::string of it for each value.
  struct PatternHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view pattern) const {
      return std::hash<std::string_view>{}(pattern);
    }
  };
  std::unordered_map<std::string, std::unique_ptr<const text::FilteredRegex>, PatternHash,
                     std::equal_to<>>
      compiled_;
  // The pattern asked for last (a key of compiled_) and its regex: rules ask for the same
  // parameter pattern once per value, and comparing it is cheaper than hashing it.
  std::string_view last_pattern_;
  const text::FilteredRegex* last_ = nullptr;
  // By constant number; one that RE2 could not compile is kept too, so it is tried only once.
  std::vector<std::unique_ptr<const text::FilteredRegex>> constants_;
};

// RE2 partial match. `subject` null → false; pattern a Regex value or a string.
Value matches(const Value& subject, const Value& pattern, RegexCache& cache);

}  // namespace taskguard::vm
