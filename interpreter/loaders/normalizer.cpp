#include "interpreter/loaders/normalizer.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <memory>

#include "interpreter/loaders/json_reader.hpp"
#include "interpreter/loaders/tree_edit.hpp"

namespace taskguard::loaders {

using document::Arena;
using document::InputError;
using document::Member;
using document::Node;
using document::NodeKind;
using schema::Field;
using schema::Struct;
using schema::TerraformShape;

namespace {

std::string lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Per struct, every spelling a field can arrive in, so that matching a key costs one lookup.
class SpellingIndex {
 public:
  static const SpellingIndex& instance() {
    static const SpellingIndex index(schema::Schema::task_definition());
    return index;
  }

  const Field* find(const Struct& s, const Member& m, Dialect dialect) const {
    const Spellings& sp = spellings_[static_cast<std::size_t>(&s - base_)];
    switch (dialect) {
      case Dialect::Api:
        return m.key_id < sp.by_key.size() ? sp.by_key[m.key_id] : nullptr;
      case Dialect::TerraformContainers: {
        if (m.key_id < sp.by_key.size() && sp.by_key[m.key_id] != nullptr)
          return sp.by_key[m.key_id];
        const auto it = sp.by_lowercase.find(lowered(m.key()));
        return it == sp.by_lowercase.end() ? nullptr : it->second;
      }
      case Dialect::CloudFormation: {
        const auto it = sp.by_cloudformation.find(m.key());
        return it == sp.by_cloudformation.end() ? nullptr : it->second;
      }
      case Dialect::TerraformResource: {
        const auto it = sp.by_terraform.find(m.key());
        return it == sp.by_terraform.end() ? nullptr : it->second;
      }
    }
    return nullptr;
  }

 private:
  struct Spellings {
    std::vector<const Field*> by_key;
    std::unordered_map<std::string_view, const Field*> by_cloudformation;
    std::unordered_map<std::string_view, const Field*> by_terraform;
    std::unordered_map<std::string, const Field*> by_lowercase;
  };

  explicit SpellingIndex(const schema::Schema& s) : base_(s.structs().data()) {
    for (const Struct& st : s.structs()) {
      Spellings sp;
      sp.by_key.assign(s.key_count(), nullptr);
      for (const Field& f : st.fields) {
        sp.by_key[f.key] = &f;
        if (!f.cloudformation_name.empty()) sp.by_cloudformation.emplace(f.cloudformation_name, &f);
        if (!f.terraform_name.empty()) sp.by_terraform.emplace(f.terraform_name, &f);
        sp.by_lowercase.emplace(lowered(f.name), &f);
      }
      spellings_.push_back(std::move(sp));
    }
  }

  const Struct* base_;
  std::vector<Spellings> spellings_;
};

bool parse_number(std::string_view s, double& out) {
  if (s.empty()) return false;
  const char* b = s.data();
  if (*b == '+') ++b;
  const auto [end, ec] = std::from_chars(b, s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

void mark_assumed(Node& node) {
  node.assumed = true;
  for (const Node* item : node.items())
    mark_assumed(mutable_node(item));
  for (const Member& m : node.members())
    mark_assumed(mutable_node(m.value));
}

void render(const Node& node, std::string& out);

void render_intrinsic(const Node& node, std::string& out) {
  const Member& m = node.members()[0];
  std::string_view name = m.key();
  if (name.rfind("Fn::", 0) == 0) name.remove_prefix(4);
  out += '!';
  out += name;
  out += ' ';
  const Node& arg = *m.value;
  if (name == "GetAtt" && arg.is_array()) {
    for (std::size_t i = 0; i < arg.items().size(); ++i) {
      if (i) out += '.';
      render(*arg.items()[i], out);
    }
  } else {
    render(arg, out);
  }
}

void render(const Node& node, std::string& out) {
  switch (node.kind) {
    case NodeKind::Null:
      out += "null";
      break;
    case NodeKind::Bool:
      out += node.boolean ? "true" : "false";
      break;
    case NodeKind::Number:
      out += fmt::format("{}", node.number);
      break;
    case NodeKind::String:
    case NodeKind::Unknown:
      out += node.text();
      break;
    case NodeKind::Array:
      out += '[';
      for (std::size_t i = 0; i < node.items().size(); ++i) {
        if (i) out += ", ";
        render(*node.items()[i], out);
      }
      out += ']';
      break;
    case NodeKind::Object:
      if (is_intrinsic(node)) {
        out += '(';
        render_intrinsic(node, out);
        out += ')';
        break;
      }
      out += '{';
      for (std::size_t i = 0; i < node.members().size(); ++i) {
        if (i) out += ", ";
        out += node.members()[i].key();
        out += ": ";
        render(*node.members()[i].value, out);
      }
      out += '}';
      break;
  }
}

}  // namespace

bool is_intrinsic(const Node& node) {
  if (node.kind != NodeKind::Object || node.members().size() != 1) return false;
  const std::string_view k = node.members()[0].key();
  return k == "Ref" || k == "Condition" || k.rfind("Fn::", 0) == 0;
}

std::string describe_intrinsic(const Node& intrinsic) {
  std::string out;
  render_intrinsic(intrinsic, out);
  constexpr std::size_t kLimit = 120;
  if (out.size() > kLimit) {
    std::size_t cut = kLimit;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80)
      --cut;  // whole characters
    out.resize(cut);
    out += "...";
  }
  return out;
}

struct Normalizer::Walk {
  Normalizer& n;

  void warn(const Node& where, std::string message) {
    n.errors_.push_back({n.file_, where.pos, std::move(message), false});
  }

  // Returns the canonical value, or nullptr when the value counts as absent.
  Node* value(Node* raw, const taskguard::Type& type, const Field* field, Dialect d) {
    if (raw == nullptr || raw->kind == NodeKind::Null) return nullptr;
    if (raw->kind == NodeKind::Unknown) return raw;
    if (d == Dialect::CloudFormation && is_intrinsic(*raw)) return intrinsic(raw, type, field);
    if (d == Dialect::TerraformResource) {
      if (is_terraform_zero(*raw)) return nullptr;
      if (field != nullptr && field->terraform_shape != TerraformShape::Plain) {
        return terraform_shaped(raw, type, *field);
      }
    }
    switch (type.kind()) {
      case taskguard::Type::Kind::Struct:
        if (raw->kind == NodeKind::Object) return object(raw, *type.struct_definition(), d);
        warn(*raw, fmt::format("expected an object ({}) here; the value is kept as written",
                               type.name()));
        return raw;
      case taskguard::Type::Kind::List:
        return list(raw, type, d);
      case taskguard::Type::Kind::Map:
        return map(raw, type, d);
      case taskguard::Type::Kind::Bool:
      case taskguard::Type::Kind::Number:
      case taskguard::Type::Kind::String:
        coerce(*raw, type.kind());
        return raw;
      default:
        return raw;
    }
  }

  // Terraform writes "not set" as the zero value of the attribute's type.
  static bool is_terraform_zero(const Node& raw) {
    return (raw.kind == NodeKind::String && raw.text().empty()) ||
           (raw.kind == NodeKind::Array && raw.items().empty()) ||
           (raw.kind == NodeKind::Object && raw.members().empty());
  }

  Node* list(Node* raw, const taskguard::Type& type, Dialect d) {
    if (raw->kind != NodeKind::Array) {
      warn(*raw,
           fmt::format("expected a list ({}) here; the value is kept as written", type.name()));
      return raw;
    }
    auto items = mutable_items(*raw);
    std::size_t kept = 0;
    for (const Node* item : items) {
      if (Node* v = value(&mutable_node(item), type.element(), nullptr, d)) items[kept++] = v;
    }
    raw->set_items(raw->items().first(kept));
    relink_items(*raw);
    return raw;
  }

  // User-keyed maps (log options, docker labels): keys stay exactly as written.
  Node* map(Node* raw, const taskguard::Type& type, Dialect d) {
    if (raw->kind != NodeKind::Object) {
      warn(*raw,
           fmt::format("expected a map ({}) here; the value is kept as written", type.name()));
      return raw;
    }
    auto members = mutable_members(*raw);
    std::size_t kept = 0;
    for (Member& m : members) {
      Node* v = value(&mutable_node(m.value), type.element(), nullptr,
                      d == Dialect::TerraformResource ? Dialect::Api : d);
      if (v == nullptr) continue;
      members[kept++] = {m.key(), schema::kNoKey, v};
    }
    raw->set_members(raw->members().first(kept));
    relink(*raw);
    return raw;
  }

  Node* object(Node* raw, const Struct& s, Dialect d) {
    const SpellingIndex& index = SpellingIndex::instance();
    auto members = mutable_members(*raw);
    std::size_t kept = 0;
    for (Member& m : members) {
      const Field* f = index.find(s, m, d);
      if (f == nullptr) {
        if (d == Dialect::TerraformResource) continue;  // Terraform bookkeeping: id, tags_all ...
        if (m.value->kind == NodeKind::Null) continue;
        const auto near = schema::Schema::task_definition().suggest(s, m.key());
        warn(*m.value,
             fmt::format("unknown field \"{}\" in {} is kept as written{}", m.key(), s.name,
                         near.empty() ? "" : " (did you mean \"" + near.front() + "\"?)"));
        members[kept++] = {m.key(), schema::kNoKey, m.value};
        continue;
      }
      Node* v = value(&mutable_node(m.value), f->type, f, d);
      if (v == nullptr) continue;
      for (std::size_t i = 0; i < kept; ++i) {
        if (members[i].key_id == f->key) {
          warn(*v,
               fmt::format("\"{}\" is given twice (as \"{}\" and \"{}\"): the last value is used",
                           f->name, members[i].key(), m.key()));
          std::move(members.begin() + static_cast<std::ptrdiff_t>(i + 1),
                    members.begin() + static_cast<std::ptrdiff_t>(kept),
                    members.begin() + static_cast<std::ptrdiff_t>(i));
          --kept;
          break;
        }
      }
      members[kept++] = {f->name, f->key, v};
    }
    raw->set_members(raw->members().first(kept));
    relink(*raw);
    return raw;
  }

  Node* terraform_shaped(Node* raw, const taskguard::Type& type, const Field& field) {
    switch (field.terraform_shape) {
      case TerraformShape::JsonString:
        return json_string(raw, type);
      case TerraformShape::Flattened: {
        const Struct& nested = *type.struct_definition();
        const Field& inner = *nested.find(field.terraform_flattens);
        Node* v = value(raw, inner.type, &inner, Dialect::Api);
        if (v == nullptr) return nullptr;
        Node* object = n.arena_.make(NodeKind::Object, raw->pos);
        const Member m{inner.name, inner.key, v};
        adopt_members(n.arena_, *object, {&m, 1});
        return object;
      }
      case TerraformShape::TagMap:
        return tag_map(raw, type);
      case TerraformShape::Block:
        return block(raw, type);
      case TerraformShape::Plain:
        break;
    }
    return value(raw, type, nullptr, Dialect::TerraformResource);
  }

  // A nested block arrives as a list of objects; a single (non-list) block is its one element.
  Node* block(Node* raw, const taskguard::Type& type) {
    if (raw->kind != NodeKind::Array) return value(raw, type, nullptr, Dialect::TerraformResource);
    if (type.is(taskguard::Type::Kind::List)) return list(raw, type, Dialect::TerraformResource);
    if (raw->items().size() > 1) warn(*raw, "only one block is allowed here; the first is used");
    return value(&mutable_node(raw->items()[0]), type, nullptr, Dialect::TerraformResource);
  }

  // {key = value} standing for [{key, value}] (tags) or [{name, value}] (proxy properties).
  Node* tag_map(Node* raw, const taskguard::Type& type) {
    const Struct* element = type.element().struct_definition();
    if (raw->kind != NodeKind::Object || element == nullptr || element->fields.size() < 2) {
      return value(raw, type, nullptr, Dialect::Api);
    }
    const Field& key_field = element->fields[0];
    const Field& value_field = element->fields[1];
    std::vector<Node*> items;
    for (const Member& m : raw->members()) {
      Node* v = value(&mutable_node(m.value), value_field.type, &value_field, Dialect::Api);
      if (v == nullptr) continue;
      Node* entry = n.arena_.make(NodeKind::Object, m.value->pos);
      const Member pair[2] = {
          {key_field.name, key_field.key, n.arena_.make_string(m.key(), m.value->pos)},
          {value_field.name, value_field.key, v}};
      adopt_members(n.arena_, *entry, pair);
      items.push_back(entry);
    }
    if (items.empty()) return nullptr;
    Node* array = n.arena_.make(NodeKind::Array, raw->pos);
    n.arena_.set_items(*array, items);
    return array;
  }

  // container_definitions: a JSON document inside a string. Its values all point at the string.
  Node* json_string(Node* raw, const taskguard::Type& type) {
    if (raw->kind != NodeKind::String)
      return value(raw, type, nullptr, Dialect::TerraformContainers);
    std::vector<InputError> inner;
    const JsonReadResult parsed = read_json(raw->text(), n.arena_, n.file_, inner);
    for (InputError& e : inner) {
      // The string's own place in the plan is the one an editor can go to; where in the decoded
      // text the problem is goes into the message.
      e.message = e.pos.known() ? fmt::format(
                                      "in container_definitions (at {}:{} of the decoded "
                                      "JSON text): {}",
                                      e.pos.line, e.pos.column, e.message)
                                : "in container_definitions: " + e.message;
      e.pos = raw->pos;
      e.fatal = false;
      n.errors_.push_back(std::move(e));
    }
    if (parsed.root == nullptr)
      return n.arena_.make_unknown("container_definitions is not valid JSON", raw->pos);
    set_position(*parsed.root, raw->pos);
    return value(parsed.root, type, nullptr, Dialect::TerraformContainers);
  }

  Node* intrinsic(Node* raw, const taskguard::Type& type, const Field* field) {
    const Member& call = raw->members()[0];
    if (call.key() == "Ref" && call.value->is_string()) {
      const std::string_view target = call.value->text();
      if (target == "AWS::NoValue") return nullptr;
      if (n.parameters_ != nullptr) {
        const auto it = n.parameters_->parameters.find(std::string(target));
        if (it != n.parameters_->parameters.end() && it->second.default_value != nullptr) {
          Node* copy = parameter_value(*it->second.default_value, it->second.is_list, type);
          copy->pos = raw->pos;  // findings point where the Ref is written
          mark_assumed(*copy);
          Node* v = value(copy, type, field, Dialect::CloudFormation);
          if (v != nullptr) mark_assumed(*v);
          return v;
        }
      }
    }
    return n.arena_.make_unknown(describe_intrinsic(*raw), raw->pos);
  }

  Node* parameter_value(const Node& default_value, bool is_list, const taskguard::Type& type) {
    Node* copy = deep_copy(n.arena_, default_value);
    if (!is_list || copy->kind != NodeKind::String || !type.is(taskguard::Type::Kind::List))
      return copy;
    // CommaDelimitedList / List<...> defaults are one string: "a,b,c".
    std::vector<Node*> items;
    std::string_view rest = copy->text();
    while (true) {
      const std::size_t comma = rest.find(',');
      items.push_back(n.arena_.make_string(rest.substr(0, comma), copy->pos));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
    Node* array = n.arena_.make(NodeKind::Array, copy->pos);
    n.arena_.set_items(*array, items);
    return array;
  }

  // CloudFormation YAML carries booleans and numbers as strings, and any source may write a
  // number where the API wants a string ("Cpu": 256): the schema says which it is.
  void coerce(Node& node, taskguard::Type::Kind want) {
    using Kind = taskguard::Type::Kind;
    if (want == Kind::Bool && node.kind == NodeKind::String) {
      const std::string v = lowered(node.text());
      if (v == "true" || v == "false") {
        node.kind = NodeKind::Bool;
        node.boolean = v == "true";
      }
    } else if (want == Kind::Number && node.kind == NodeKind::String) {
      double number = 0;
      if (parse_number(node.text(), number)) {
        node.kind = NodeKind::Number;
        node.number = number;
      }
    } else if (want == Kind::String && node.kind == NodeKind::Number) {
      node.kind = NodeKind::String;
      if (node.text().empty()) node.set_text(n.arena_.copy(fmt::format("{}", node.number)));
    } else if (want == Kind::String && node.kind == NodeKind::Bool) {
      node.kind = NodeKind::String;
      node.set_text(node.boolean ? "true" : "false");
    }
  }
};

Normalizer::Normalizer(Arena& arena, const std::string& file, std::vector<InputError>& errors,
                       const TemplateParameters* parameters)
    : arena_(arena), file_(file), errors_(errors), parameters_(parameters) {}

Node* Normalizer::task_definition(Node* raw, Dialect dialect) {
  Walk walk{*this};
  const schema::Schema& s = schema::Schema::task_definition();
  Node* root = walk.value(raw, taskguard::Type::structure(&s.root()), nullptr, dialect);
  if (root == nullptr) {
    root = arena_.make(NodeKind::Object, raw != nullptr ? raw->pos : document::SourcePos{});
  }
  root->parent = nullptr;
  root->index_in_parent = 0;
  return root;
}

}  // namespace taskguard::loaders
