#include "interpreter/value/value.hpp"

#include <fmt/core.h>

#include <cmath>
#include <cstring>

namespace taskguard::vm {

const char* kind_name(ValueKind kind) {
  switch (kind) {
    case ValueKind::Null:
      return "null";
    case ValueKind::Bool:
      return "bool";
    case ValueKind::Number:
      return "number";
    case ValueKind::String:
      return "string";
    case ValueKind::Unknown:
      return "unknown";
    case ValueKind::Regex:
      return "regex";
    case ValueKind::List:
      return "list";
    case ValueKind::Record:
      return "object";
    case ValueKind::Node:
      return "object";
  }
  return "value";
}

const Value* RecordValue::find(std::string_view key) const {
  for (const RecordEntry& e : entries) {
    if (e.key == key) return &e.value;
  }
  return nullptr;
}

std::string_view Scratch::string(std::string_view text) {
  if (text.empty()) return {};
  auto* p = static_cast<char*>(memory_.allocate(text.size(), 1));
  std::memcpy(p, text.data(), text.size());
  return {p, text.size()};
}

std::span<char> Scratch::chars(std::size_t size) {
  if (size == 0) return {};
  return {static_cast<char*>(memory_.allocate(size, 1)), size};
}

Value Scratch::make_string_list(std::span<const std::string_view> parts) {
  auto* storage = static_cast<Value*>(
      memory_.allocate(sizeof(Value) * std::max<std::size_t>(parts.size(), 1), alignof(Value)));
  for (std::size_t i = 0; i < parts.size(); ++i)
    new (storage + i) Value(Value::string(parts[i]));
  auto* list = static_cast<ListValue*>(memory_.allocate(sizeof(ListValue), alignof(ListValue)));
  new (list) ListValue{{storage, parts.size()}, {}};
  return Value::list(list);
}

Value Scratch::make_list(std::span<const Value> items) {
  return make_located_list(items, {});
}

Value Scratch::make_located_list(std::span<const Value> items, std::span<const Value> refs) {
  auto* storage = static_cast<Value*>(
      memory_.allocate(sizeof(Value) * std::max<std::size_t>(items.size(), 1), alignof(Value)));
  std::uninitialized_copy(items.begin(), items.end(), storage);
  const document::Node** origins = nullptr;
  if (!refs.empty()) {
    origins = static_cast<const document::Node**>(memory_.allocate(
        sizeof(const document::Node*) * refs.size(), alignof(const document::Node*)));
    for (std::size_t i = 0; i < refs.size(); ++i)
      origins[i] =
          refs[i].is(ValueKind::Node) && !refs[i].ref_stopped() ? refs[i].as_node() : nullptr;
  }
  auto* list = static_cast<ListValue*>(memory_.allocate(sizeof(ListValue), alignof(ListValue)));
  new (list) ListValue{{storage, items.size()}, {origins, refs.size()}};
  return Value::list(list);
}

Value Scratch::make_record(std::span<const RecordEntry> entries) {
  auto* storage = static_cast<RecordEntry*>(memory_.allocate(
      sizeof(RecordEntry) * std::max<std::size_t>(entries.size(), 1), alignof(RecordEntry)));
  std::uninitialized_copy(entries.begin(), entries.end(), storage);
  auto* record =
      static_cast<RecordValue*>(memory_.allocate(sizeof(RecordValue), alignof(RecordValue)));
  new (record) RecordValue{{storage, entries.size()}};
  return Value::record(record);
}

const document::Node* item_node(const Value& v, std::size_t i) {
  if (v.is(ValueKind::Node) && v.as_node()->is_array()) return v.as_node()->items()[i];
  if (v.is(ValueKind::List)) {
    const Value& item = v.as_list().items[i];
    if (item.is(ValueKind::Node) || item.is_unknown()) return item.as_node();
    if (!v.as_list().origins.empty()) return v.as_list().origins[i];
  }
  return nullptr;
}

bool has_member(const Value& v, std::string_view key) {
  if (v.is(ValueKind::Record)) return v.as_record().find(key) != nullptr;
  if (v.is(ValueKind::Node) && v.as_node()->is_object()) return v.as_node()->get(key) != nullptr;
  return false;
}

namespace {

void append_number(std::string& out, double d) {
  if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15) {
    out += fmt::format("{}", static_cast<long long>(d));
  } else {
    out += fmt::format("{}", d);
  }
}

void append_quoted(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
}

void append_node(std::string& out, const document::Node* n, bool quote_strings) {
  switch (n->kind) {
    case document::NodeKind::Null:
      out += "null";
      return;
    case document::NodeKind::Bool:
      out += n->boolean ? "true" : "false";
      return;
    case document::NodeKind::Number:
      append_number(out, n->number);
      return;
    case document::NodeKind::String:
      if (quote_strings) {
        append_quoted(out, n->text());
      } else {
        out += n->text();
      }
      return;
    case document::NodeKind::Unknown:
      out += "<unknown>";
      return;
    case document::NodeKind::Array:
      out += '[';
      for (std::size_t i = 0; i < n->items().size(); ++i) {
        if (i > 0) out += ", ";
        append_node(out, n->items()[i], true);
      }
      out += ']';
      return;
    case document::NodeKind::Object:
      out += '{';
      for (std::size_t i = 0; i < n->members().size(); ++i) {
        if (i > 0) out += ", ";
        append_quoted(out, n->members()[i].key());
        out += ": ";
        append_node(out, n->members()[i].value, true);
      }
      out += '}';
      return;
  }
}

void append_value(std::string& out, const Value& v, bool quote_strings) {
  switch (v.kind()) {
    case ValueKind::Null:
      out += "null";
      return;
    case ValueKind::Bool:
      out += v.as_bool() ? "true" : "false";
      return;
    case ValueKind::Number:
      append_number(out, v.as_number());
      return;
    case ValueKind::String:
      if (quote_strings) {
        append_quoted(out, v.as_string());
      } else {
        out += v.as_string();
      }
      return;
    case ValueKind::Unknown:
      out += "<unknown>";
      return;
    case ValueKind::Regex:
      out += "<regex>";
      return;
    case ValueKind::List: {
      out += '[';
      bool first = true;
      for (const Value& item : v.as_list().items) {
        if (!first) out += ", ";
        first = false;
        append_value(out, item, true);
      }
      out += ']';
      return;
    }
    case ValueKind::Record: {
      out += '{';
      bool first = true;
      for (const RecordEntry& e : v.as_record().entries) {
        if (!first) out += ", ";
        first = false;
        append_quoted(out, e.key);
        out += ": ";
        append_value(out, e.value, true);
      }
      out += '}';
      return;
    }
    case ValueKind::Node:
      append_node(out, v.as_node(), quote_strings);
      return;
  }
}

}  // namespace

void append_display(std::string& out, const Value& v) {
  append_value(out, v, false);
}

std::string display(const Value& v) {
  std::string out;
  append_display(out, v);
  return out;
}

}  // namespace taskguard::vm
