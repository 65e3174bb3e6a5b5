#include "interpreter/builtins/binding.hpp"

#include <fmt/core.h>
#include <re2/re2.h>

#include <map>
#include <string>
#include <vector>

#include "stdlib/aws/arn.hpp"
#include "stdlib/aws/capability.hpp"
#include "stdlib/aws/image.hpp"
#include "stdlib/aws/secret_ref.hpp"
#include "stdlib/aws/user.hpp"
#include "stdlib/builtins/catalog.hpp"
#include "stdlib/secrets/credential_name.hpp"
#include "stdlib/secrets/detect.hpp"
#include "stdlib/secrets/entropy.hpp"
#include "stdlib/secrets/placeholder.hpp"
#include "stdlib/text/number.hpp"
#include "stdlib/text/regex.hpp"
#include "stdlib/text/strings.hpp"

// Each binding adapts VM values to a stdlib function and back. The conventions, so that absent
// optional fields never turn a rule into an error: a null string argument gives null for
// functions returning a string or a list, false for predicates; an argument of the wrong kind
// (the checker lets `any` through) is a runtime error naming the builtin.

namespace taskguard::vm {

namespace {

using Args = std::span<const Value>;

struct Null {};  // thrown internally: "a null argument; answer with the function's null"

std::string_view string_arg(const char* fn, Args args, std::size_t i) {
  const Value& v = args[i];
  if (v.is(ValueKind::String)) return v.as_string();
  if (v.is_null()) throw Null{};
  throw RuntimeError(
      fmt::format("{}() needs a string as argument {}, not a {}", fn, i + 1, kind_name(v.kind())));
}

template <typename F>
Value or_null(F&& f) {
  try {
    return f();
  } catch (const Null&) {
    return Value::null();
  }
}

template <typename F>
Value or_false(F&& f) {
  try {
    return f();
  } catch (const Null&) {
    return Value::boolean(false);
  }
}

Value optional_string(const std::optional<std::string_view>& s) {
  return s ? Value::string(*s) : Value::null();
}

Value owned(BuiltinContext& c, const std::string& s) {
  return c.scratch.make_string(s);
}

std::vector<Value> list_items(const char* fn, const Value& v) {
  if (!v.is_array_like()) {
    throw RuntimeError(fmt::format("{}() needs a list, not a {}", fn, kind_name(v.kind())));
  }
  std::vector<Value> items;
  for (std::size_t i = 0, n = item_count(v); i < n; ++i)
    items.push_back(item_at(v, i));
  return items;
}

// ---- general -----------------------------------------------------------------------------

Value has(BuiltinContext&, Args a) {
  return Value::boolean(!a[0].is_null());
}

Value len(BuiltinContext&, Args a) {
  const Value& v = a[0];
  if (v.is(ValueKind::String))
    return Value::number(static_cast<double>(text::length(v.as_string())));
  if (v.is_array_like()) return Value::number(static_cast<double>(item_count(v)));
  if (v.is(ValueKind::Record))
    return Value::number(static_cast<double>(v.as_record().entries.size()));
  if (v.is(ValueKind::Node))
    return Value::number(static_cast<double>(v.as_node()->members().size()));
  if (v.is_null()) return Value::number(0);
  throw RuntimeError(
      fmt::format("len() needs a string, list or object, not a {}", kind_name(v.kind())));
}

// Case mapping keeps the length (ASCII only): the result is written straight into scratch memory.
Value lower(BuiltinContext& c, Args a) {
  return or_null([&] {
    const std::string_view s = string_arg("lower", a, 0);
    const std::span<char> out = c.scratch.chars(s.size());
    text::lower_into(s, out.data());
    return Value::string({out.data(), out.size()});
  });
}
Value upper(BuiltinContext& c, Args a) {
  return or_null([&] {
    const std::string_view s = string_arg("upper", a, 0);
    const std::span<char> out = c.scratch.chars(s.size());
    text::upper_into(s, out.data());
    return Value::string({out.data(), out.size()});
  });
}
Value trim(BuiltinContext&, Args a) {
  return or_null([&] { return Value::string(text::trim(string_arg("trim", a, 0))); });
}
Value starts_with(BuiltinContext&, Args a) {
  return or_false([&] {
    return Value::boolean(
        text::starts_with(string_arg("starts_with", a, 0), string_arg("starts_with", a, 1)));
  });
}
Value ends_with(BuiltinContext&, Args a) {
  return or_false([&] {
    return Value::boolean(
        text::ends_with(string_arg("ends_with", a, 0), string_arg("ends_with", a, 1)));
  });
}
Value contains_fn(BuiltinContext&, Args a) {
  return or_false([&] {
    return Value::boolean(
        text::contains(string_arg("contains", a, 0), string_arg("contains", a, 1)));
  });
}
// Lists of views of the argument's own bytes: the parts are not copied, and the views are
// collected in the scratch's reused vector, so a split allocates nothing on the heap.
Value split(BuiltinContext& c, Args a) {
  return or_null([&] {
    std::vector<std::string_view>& parts = c.scratch.views();
    text::split_into(string_arg("split", a, 0), string_arg("split", a, 1), parts);
    return c.scratch.make_string_list(parts);
  });
}
Value split_any(BuiltinContext& c, Args a) {
  return or_null([&] {
    std::vector<std::string_view>& parts = c.scratch.views();
    text::split_any_into(string_arg("split_any", a, 0), string_arg("split_any", a, 1), parts);
    return c.scratch.make_string_list(parts);
  });
}
Value join(BuiltinContext& c, Args a) {
  if (a[0].is_null()) return Value::null();
  std::vector<std::string_view> parts;
  for (const Value& item : list_items("join", a[0])) {
    if (!item.is(ValueKind::String)) {
      throw RuntimeError(
          fmt::format("join() needs a list of strings; it holds a {}", kind_name(item.kind())));
    }
    parts.push_back(item.as_string());
  }
  return or_null([&] { return owned(c, text::join(parts, string_arg("join", a, 1))); });
}
Value replace(BuiltinContext& c, Args a) {
  return or_null([&] {
    return owned(c, text::replace(string_arg("replace", a, 0), string_arg("replace", a, 1),
                                  string_arg("replace", a, 2)));
  });
}
Value to_number(BuiltinContext&, Args a) {
  if (a[0].is(ValueKind::Number)) return a[0];
  if (!a[0].is(ValueKind::String)) return Value::null();
  auto n = text::to_number(a[0].as_string());
  return n ? Value::number(*n) : Value::null();
}
Value keys(BuiltinContext& c, Args a) {
  const Value& v = a[0];
  std::vector<Value>& out = c.scratch.items();
  if (v.is(ValueKind::Record)) {
    for (const RecordEntry& e : v.as_record().entries)
      out.push_back(Value::string(e.key));
  } else if (v.is(ValueKind::Node) && v.as_node()->is_object()) {
    for (const document::Member& m : v.as_node()->members())
      out.push_back(Value::string(m.key()));
  } else if (!v.is_null()) {
    throw RuntimeError(fmt::format("keys() needs an object, not a {}", kind_name(v.kind())));
  }
  return c.scratch.make_list(out);
}
Value values(BuiltinContext& c, Args a) {
  const Value& v = a[0];
  std::vector<Value>& out = c.scratch.items();
  if (v.is(ValueKind::Record)) {
    for (const RecordEntry& e : v.as_record().entries)
      out.push_back(e.value);
  } else if (v.is(ValueKind::Node) && v.as_node()->is_object()) {
    for (const document::Member& m : v.as_node()->members())
      out.push_back(Value::from_node(m.value));
  } else if (!v.is_null()) {
    throw RuntimeError(fmt::format("values() needs an object, not a {}", kind_name(v.kind())));
  }
  return c.scratch.make_list(out);
}
Value unique(BuiltinContext& c, Args a) {
  if (a[0].is_null()) return Value::null();
  std::vector<Value> out;
  for (const Value& item : list_items("unique", a[0])) {
    bool seen = false;
    for (const Value& kept : out) {
      if (equal(item, kept) == Truth::True) {
        seen = true;
        break;
      }
    }
    if (!seen) out.push_back(item);
  }
  return c.scratch.make_list(out);
}
Value extreme(const char* fn, Args a, bool want_max) {
  if (a[0].is_null()) return Value::null();
  const std::vector<Value> items = list_items(fn, a[0]);
  if (items.empty()) return Value::null();
  Value best = items[0];
  for (std::size_t i = 1; i < items.size(); ++i) {
    if (items[i].is_unknown()) return items[i];
    const Value less = order(Ordering::Less, items[i], best);  // throws on mixed kinds
    const Value greater = order(Ordering::Greater, items[i], best);
    if ((want_max ? greater : less).as_bool()) best = items[i];
  }
  if (best.is_unknown()) return best;
  if (items.size() == 1 && !best.is(ValueKind::Number) && !best.is(ValueKind::String)) {
    throw RuntimeError(fmt::format("{}() needs numbers or strings", fn));
  }
  return best;
}
Value min(BuiltinContext&, Args a) {
  return extreme("min", a, false);
}
Value max(BuiltinContext&, Args a) {
  return extreme("max", a, true);
}
Value is_string(BuiltinContext&, Args a) {
  return Value::boolean(a[0].is(ValueKind::String));
}
Value is_number(BuiltinContext&, Args a) {
  return Value::boolean(a[0].is(ValueKind::Number));
}
Value is_bool(BuiltinContext&, Args a) {
  return Value::boolean(a[0].is(ValueKind::Bool));
}
Value is_list(BuiltinContext&, Args a) {
  return Value::boolean(a[0].is_array_like());
}
Value is_object(BuiltinContext&, Args a) {
  return Value::boolean(a[0].is_object_like());
}
Value is_null(BuiltinContext&, Args a) {
  return Value::boolean(a[0].is_null());
}
Value is_unknown(BuiltinContext&, Args a) {
  return Value::boolean(a[0].is_unknown());
}
// Unknown-aware: an unknown first value is what it gives, whatever the second is; only a null
// one gives way to the second.
Value coalesce(BuiltinContext&, Args a) {
  return a[0].is_null() ? a[1] : a[0];
}

Value find(BuiltinContext& c, Args a) {
  return or_null([&]() -> Value {
    const std::string_view subject = string_arg("find", a, 0);
    const re2::RE2* re = nullptr;
    if (a[1].is(ValueKind::Regex)) {
      re = &c.regexes.get(a[1].as_regex()).regex();
    } else if (a[1].is(ValueKind::String)) {
      re = &c.regexes.get(a[1].as_string()).regex();
    } else {
      throw RuntimeError(
          fmt::format("find() needs a regex as argument 2, not a {}", kind_name(a[1].kind())));
    }
    // Group views point into `subject`, which outlives the evaluation: nothing is copied.
    std::vector<re2::StringPiece> groups(static_cast<std::size_t>(re->NumberOfCapturingGroups()) +
                                         1);
    if (!re->Match(re2::StringPiece(subject.data(), subject.size()), 0, subject.size(),
                   RE2::UNANCHORED, groups.data(), static_cast<int>(groups.size()))) {
      return Value::null();
    }
    std::vector<Value> out;
    for (const re2::StringPiece& g : groups) {
      out.push_back(g.data() == nullptr ? Value::null() : Value::string({g.data(), g.size()}));
    }
    return c.scratch.make_list(out);
  });
}

// ---- secrets -----------------------------------------------------------------------------

Value secrets_kind(BuiltinContext&, Args a) {
  return or_null([&] { return optional_string(secrets::kind(string_arg("secrets.kind", a, 0))); });
}
Value secrets_entropy(BuiltinContext&, Args a) {
  return or_null(
      [&] { return Value::number(secrets::entropy(string_arg("secrets.entropy", a, 0))); });
}
Value secrets_credential_name(BuiltinContext&, Args a) {
  return or_false([&] {
    return Value::boolean(secrets::credential_name(string_arg("secrets.credential_name", a, 0)));
  });
}
Value secrets_is_placeholder(BuiltinContext&, Args a) {
  if (a[0].is_null()) return Value::boolean(true);
  if (!a[0].is(ValueKind::String)) return Value::boolean(false);
  return Value::boolean(secrets::is_placeholder(a[0].as_string()));
}

// ---- arn, secret_ref, image, user, capability ---------------------------------------------

Value arn_parse(BuiltinContext& c, Args a) {
  return or_null([&]() -> Value {
    auto arn = aws::parse_arn(string_arg("arn.parse", a, 0));
    if (!arn) return Value::null();
    const RecordEntry entries[] = {{"partition", Value::string(arn->partition)},
                                   {"service", Value::string(arn->service)},
                                   {"region", Value::string(arn->region)},
                                   {"account", Value::string(arn->account)},
                                   {"resource", Value::string(arn->resource)}};
    return c.scratch.make_record(entries);
  });
}
Value arn_is_valid(BuiltinContext&, Args a) {
  return or_false(
      [&] { return Value::boolean(aws::is_valid_arn(string_arg("arn.is_valid", a, 0))); });
}
Value arn_account(BuiltinContext&, Args a) {
  return or_null(
      [&] { return optional_string(aws::arn_account(string_arg("arn.account", a, 0))); });
}
Value arn_role_name(BuiltinContext&, Args a) {
  return or_null(
      [&] { return optional_string(aws::role_name(string_arg("arn.role_name", a, 0))); });
}
Value secret_ref_kind(BuiltinContext&, Args a) {
  return or_null([&] {
    return Value::string(aws::to_string(aws::secret_ref_kind(string_arg("secret_ref.kind", a, 0))));
  });
}
Value image_parse(BuiltinContext& c, Args a) {
  return or_null([&]() -> Value {
    auto image = aws::parse_image(string_arg("image.parse", a, 0));
    if (!image) return Value::null();
    auto text = [&](const std::optional<std::string>& s) {
      return s ? c.scratch.make_string(*s) : Value::null();
    };
    const RecordEntry entries[] = {{"registry", c.scratch.make_string(image->registry)},
                                   {"repository", c.scratch.make_string(image->repository)},
                                   {"tag", text(image->tag)},
                                   {"digest", text(image->digest)}};
    return c.scratch.make_record(entries);
  });
}
Value image_registry(BuiltinContext& c, Args a) {
  return or_null([&]() -> Value {
    auto registry = aws::image_registry(string_arg("image.registry", a, 0));
    return registry ? owned(c, *registry) : Value::null();
  });
}
Value image_is_ecr(BuiltinContext&, Args a) {
  return or_false(
      [&] { return Value::boolean(aws::image_is_ecr(string_arg("image.is_ecr", a, 0))); });
}
Value image_pinned(BuiltinContext&, Args a) {
  return or_false(
      [&] { return Value::boolean(aws::image_pinned(string_arg("image.pinned", a, 0))); });
}
std::optional<std::string_view> optional_user(const char* fn, const Value& v) {
  if (v.is_null()) return std::nullopt;
  if (v.is(ValueKind::String)) return v.as_string();
  throw RuntimeError(fmt::format("{}() needs a string, not a {}", fn, kind_name(v.kind())));
}
Value user_is_root(BuiltinContext&, Args a) {
  return Value::boolean(aws::is_root_user(optional_user("user.is_root", a[0])));
}
Value user_is_windows_admin(BuiltinContext&, Args a) {
  return Value::boolean(aws::is_windows_admin_user(optional_user("user.is_windows_admin", a[0])));
}
Value capability_normalize(BuiltinContext& c, Args a) {
  return or_null([&] {
    return owned(c, aws::normalize_capability(string_arg("capability.normalize", a, 0)));
  });
}

const std::map<std::string_view, BuiltinFunction>& implementations() {
  static const std::map<std::string_view, BuiltinFunction> table = {
      {"has", has},
      {"len", len},
      {"lower", lower},
      {"upper", upper},
      {"trim", trim},
      {"starts_with", starts_with},
      {"ends_with", ends_with},
      {"contains", contains_fn},
      {"split", split},
      {"join", join},
      {"replace", replace},
      {"to_number", to_number},
      {"keys", keys},
      {"values", values},
      {"unique", unique},
      {"min", min},
      {"max", max},
      {"is_string", is_string},
      {"is_number", is_number},
      {"is_bool", is_bool},
      {"is_list", is_list},
      {"is_object", is_object},
      {"is_null", is_null},
      {"is_unknown", is_unknown},
      {"find", find},
      {"secrets.kind", secrets_kind},
      {"secrets.entropy", secrets_entropy},
      {"secrets.credential_name", secrets_credential_name},
      {"secrets.is_placeholder", secrets_is_placeholder},
      {"arn.parse", arn_parse},
      {"arn.is_valid", arn_is_valid},
      {"arn.account", arn_account},
      {"arn.role_name", arn_role_name},
      {"secret_ref.kind", secret_ref_kind},
      {"image.parse", image_parse},
      {"image.registry", image_registry},
      {"image.is_ecr", image_is_ecr},
      {"image.pinned", image_pinned},
      {"user.is_root", user_is_root},
      {"user.is_windows_admin", user_is_windows_admin},
      {"capability.normalize", capability_normalize},
      {"split_any", split_any},
      {"coalesce", coalesce},
  };
  return table;
}

}  // namespace

std::span<const BuiltinFunction> builtin_table() {
  static const std::vector<BuiltinFunction> table = [] {
    std::vector<BuiltinFunction> out;
    for (const builtins::Builtin& entry : builtins::catalog()) {
      auto it = implementations().find(entry.name);
      out.push_back(it != implementations().end() ? it->second : nullptr);
    }
    return out;
  }();
  return table;
}

}  // namespace taskguard::vm
