#include "interpreter/value/operators.hpp"

#include <fmt/core.h>
#include <re2/re2.h>

#include "language/program/regex_constant.hpp"
#include "stdlib/text/regex.hpp"

namespace taskguard::vm {

void not_a_condition(const Value& v, std::string_view context) {
  throw RuntimeError(
      fmt::format("{} must be true or false, but it is a {}", context, kind_name(v.kind())));
}

namespace {

// Equality where unknown cannot occur below the top (nodes and lists may contain unknowns:
// those make the whole comparison unknown).
Truth equal_items(const Value& a, const Value& b);

Truth equal_objects(const Value& a, const Value& b) {
  // Compare member by member, by key, whatever the order.
  auto keys_of = [](const Value& v) -> std::size_t {
    return v.is(ValueKind::Record) ? v.as_record().entries.size() : v.as_node()->members().size();
  };
  if (keys_of(a) != keys_of(b)) return Truth::False;
  auto member = [](const Value& v, std::size_t i, std::string_view& key) -> Value {
    if (v.is(ValueKind::Record)) {
      key = v.as_record().entries[i].key;
      return v.as_record().entries[i].value;
    }
    key = v.as_node()->members()[i].key();
    return Value::from_node(v.as_node()->members()[i].value);
  };
  auto lookup = [](const Value& v, std::string_view key, bool& found) -> Value {
    if (v.is(ValueKind::Record)) {
      const Value* found_value = v.as_record().find(key);
      found = found_value != nullptr;
      return found ? *found_value : Value::null();
    }
    const document::Node* n = v.as_node()->get(key);
    found = n != nullptr;
    return Value::from_node(n);
  };
  Truth result = Truth::True;
  for (std::size_t i = 0; i < keys_of(a); ++i) {
    std::string_view key;
    Value left = member(a, i, key);
    bool found = false;
    Value right = lookup(b, key, found);
    if (!found) return Truth::False;
    Truth t = equal(left, right);
    if (t == Truth::False) return Truth::False;
    if (t == Truth::Unknown) result = Truth::Unknown;
  }
  return result;
}

Truth equal_items(const Value& a, const Value& b) {
  const std::size_t n = item_count(a);
  if (n != item_count(b)) return Truth::False;
  Truth result = Truth::True;
  for (std::size_t i = 0; i < n; ++i) {
    Truth t = equal(item_at(a, i), item_at(b, i));
    if (t == Truth::False) return Truth::False;
    if (t == Truth::Unknown) result = Truth::Unknown;
  }
  return result;
}

}  // namespace

Truth equal(const Value& a, const Value& b) {
  // The common case first: two strings (names, values, modes).
  if (a.is(ValueKind::String) && b.is(ValueKind::String)) {
    return a.as_string() == b.as_string() ? Truth::True : Truth::False;
  }
  if (a.is_unknown() || b.is_unknown()) return Truth::Unknown;
  if (a.is_array_like() && b.is_array_like()) return equal_items(a, b);
  if (a.is_object_like() && b.is_object_like()) return equal_objects(a, b);
  if (a.kind() != b.kind()) return Truth::False;
  switch (a.kind()) {
    case ValueKind::Null:
      return Truth::True;
    case ValueKind::Bool:
      return a.as_bool() == b.as_bool() ? Truth::True : Truth::False;
    case ValueKind::Number:
      return a.as_number() == b.as_number() ? Truth::True : Truth::False;
    case ValueKind::String:
      return a.as_string() == b.as_string() ? Truth::True : Truth::False;
    case ValueKind::Regex:
      return &a.as_regex() == &b.as_regex() ? Truth::True : Truth::False;
    default:
      return Truth::False;
  }
}

Value order(Ordering op, const Value& a, const Value& b) {
  if (a.is_unknown()) return a;
  if (b.is_unknown()) return b;
  int c = 0;
  if (a.is(ValueKind::Number) && b.is(ValueKind::Number)) {
    const double x = a.as_number();
    const double y = b.as_number();
    if (x != x || y != y) return Value::boolean(false);  // NaN orders with nothing
    c = x < y ? -1 : (x > y ? 1 : 0);
  } else if (a.is(ValueKind::String) && b.is(ValueKind::String)) {
    c = a.as_string().compare(b.as_string());
  } else {
    throw RuntimeError(fmt::format("cannot order a {} and a {} (only two numbers or two strings)",
                                   kind_name(a.kind()), kind_name(b.kind())));
  }
  switch (op) {
    case Ordering::Less:
      return Value::boolean(c < 0);
    case Ordering::LessEqual:
      return Value::boolean(c <= 0);
    case Ordering::Greater:
      return Value::boolean(c > 0);
    case Ordering::GreaterEqual:
      return Value::boolean(c >= 0);
  }
  return Value::boolean(false);
}

namespace {

// `s in xs` for a string: equal to a string item, unknown if no item is but some item is
// unknown, else false (a string equals nothing else). The same answer as comparing item by item
// with equal(), without unpacking each document item into a Value.
Value contains_string(std::string_view s, const Value& items) {
  const Value* unknown = nullptr;
  const document::Node* unknown_node = nullptr;
  bool saw_unknown = false;
  if (items.is(ValueKind::List)) {
    for (const Value& item : items.as_list().items) {
      if (item.is(ValueKind::String) && item.as_string() == s) return Value::boolean(true);
      if (item.is_unknown() && !saw_unknown) {
        saw_unknown = true;
        unknown = &item;
      }
    }
  } else {
    for (const document::Node* item : items.as_node()->items()) {
      if (item->kind == document::NodeKind::String && item->text() == s)
        return Value::boolean(true);
      if (item->is_unknown() && !saw_unknown) {
        saw_unknown = true;
        unknown_node = item;
      }
    }
  }
  if (!saw_unknown) return Value::boolean(false);
  return unknown != nullptr ? *unknown : Value::unknown(unknown_node);
}

}  // namespace

Value contains(const Value& a, const Value& b) {
  if (b.is_unknown()) return b;
  if (b.is_null()) return Value::boolean(false);
  if (b.is_array_like()) {
    if (a.is_unknown()) return a;
    if (a.is(ValueKind::String)) return contains_string(a.as_string(), b);
    bool saw_unknown = false;
    Value unknown_item;
    for (std::size_t i = 0, n = item_count(b); i < n; ++i) {
      Value item = item_at(b, i);
      Truth t = equal(a, item);
      if (t == Truth::True) return Value::boolean(true);
      if (t == Truth::Unknown && !saw_unknown) {
        saw_unknown = true;
        unknown_item = item;
      }
    }
    if (saw_unknown) return unknown_item.is_unknown() ? unknown_item : Value::unknown(nullptr);
    return Value::boolean(false);
  }
  if (a.is_unknown()) return a;
  if (b.is(ValueKind::String)) {
    if (!a.is(ValueKind::String)) {
      throw RuntimeError(
          fmt::format("`in` a string needs a string on the left, not a {}", kind_name(a.kind())));
    }
    return Value::boolean(b.as_string().find(a.as_string()) != std::string_view::npos);
  }
  if (b.is_object_like()) {
    if (!a.is(ValueKind::String)) return Value::boolean(false);
    return Value::boolean(has_member(b, a.as_string()));
  }
  throw RuntimeError(fmt::format("`in` needs a list, string or object on the right, not a {}",
                                 kind_name(b.kind())));
}

Value arithmetic(Arithmetic op, const Value& a, const Value& b, Scratch& scratch) {
  if (a.is_unknown()) return a;
  if (b.is_unknown()) return b;
  if (op == Arithmetic::Add && a.is(ValueKind::String) && b.is(ValueKind::String)) {
    std::string joined;
    joined.reserve(a.as_string().size() + b.as_string().size());
    joined += a.as_string();
    joined += b.as_string();
    return scratch.make_string(joined);
  }
  if (!a.is(ValueKind::Number) || !b.is(ValueKind::Number)) {
    throw RuntimeError(fmt::format("arithmetic needs two numbers, not a {} and a {}",
                                   kind_name(a.kind()), kind_name(b.kind())));
  }
  const double x = a.as_number();
  const double y = b.as_number();
  switch (op) {
    case Arithmetic::Add:
      return Value::number(x + y);
    case Arithmetic::Subtract:
      return Value::number(x - y);
    case Arithmetic::Multiply:
      return Value::number(x * y);
    case Arithmetic::Divide:
      if (y == 0) throw RuntimeError("division by zero");
      return Value::number(x / y);
  }
  return Value::null();
}

Value negate(const Value& a) {
  if (a.is_unknown()) return a;
  if (!a.is(ValueKind::Number)) {
    throw RuntimeError(fmt::format("cannot negate a {}", kind_name(a.kind())));
  }
  return Value::number(-a.as_number());
}

RegexCache::RegexCache() = default;
RegexCache::~RegexCache() = default;

const text::FilteredRegex& RegexCache::get(std::string_view pattern) {
  if (last_ != nullptr && pattern == last_pattern_) return *last_;
  auto it = compiled_.find(pattern);
  if (it == compiled_.end()) {
    auto re = text::FilteredRegex::compile(pattern);
    if (!re->ok()) {
      throw RuntimeError(fmt::format("invalid regular expression \"{}\": {}", pattern,
                                     text::regex_error(re->regex())));
    }
    it = compiled_.emplace(std::string(pattern), std::move(re)).first;
  }
  last_pattern_ = it->first;
  last_ = it->second.get();
  return *last_;
}

const text::FilteredRegex& RegexCache::get(const program::RegexConstant& regex) {
  if (regex.number >= constants_.size()) constants_.resize(regex.number + 1);
  std::unique_ptr<const text::FilteredRegex>& compiled = constants_[regex.number];
  if (compiled == nullptr) compiled = text::FilteredRegex::compile(regex.pattern);
  if (!compiled->ok()) {
    throw RuntimeError(fmt::format("invalid regular expression /{}/: {}", regex.pattern,
                                   text::regex_error(compiled->regex())));
  }
  return *compiled;
}

Value matches(const Value& subject, const Value& pattern, RegexCache& cache) {
  if (subject.is_unknown()) return subject;
  if (pattern.is_unknown()) return pattern;
  if (subject.is_null()) return Value::boolean(false);
  if (!subject.is(ValueKind::String)) {
    throw RuntimeError(
        fmt::format("`matches` needs a string on the left, not a {}", kind_name(subject.kind())));
  }
  const text::FilteredRegex* re = nullptr;
  if (pattern.is(ValueKind::Regex)) {
    re = &cache.get(pattern.as_regex());
  } else if (pattern.is(ValueKind::String)) {
    re = &cache.get(pattern.as_string());
  } else {
    throw RuntimeError(fmt::format("`matches` needs a regex or a string on the right, not a {}",
                                   kind_name(pattern.kind())));
  }
  return Value::boolean(re->partial_match(subject.as_string()));
}

}  // namespace taskguard::vm
