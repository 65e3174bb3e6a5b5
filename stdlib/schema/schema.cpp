#include "stdlib/schema/schema.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <stdexcept>
#include <unordered_map>

namespace taskguard::embedded {
std::string_view task_definition_schema();
}

namespace taskguard::schema {

namespace {

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// Case-insensitive Levenshtein distance: a misspelling's letter case costs nothing, since the
// canonical spelling is one case-fold away.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                        std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string pascal_case(std::string_view name) {
  std::string out(name);
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

TerraformShape parse_shape(const std::string& text, const std::string& where) {
  if (text == "plain") return TerraformShape::Plain;
  if (text == "block") return TerraformShape::Block;
  if (text == "tag_map") return TerraformShape::TagMap;
  if (text == "json_string") return TerraformShape::JsonString;
  if (text == "flattened") return TerraformShape::Flattened;
  throw std::runtime_error("schema: " + where + ": unknown terraform_shape \"" + text + "\"");
}

}  // namespace

const Field* Struct::find(std::string_view canonical_name) const {
  for (const Field& f : fields) {
    if (f.name == canonical_name) return &f;
  }
  return nullptr;
}

const Field* Struct::find_by_key(KeyId key) const {
  for (const Field& f : fields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

const Field* Struct::find_cloudformation(std::string_view name) const {
  for (const Field& f : fields) {
    if (!f.cloudformation_name.empty() && f.cloudformation_name == name) return &f;
  }
  return nullptr;
}

const Field* Struct::find_terraform(std::string_view name) const {
  for (const Field& f : fields) {
    if (!f.terraform_name.empty() && f.terraform_name == name) return &f;
  }
  return nullptr;
}

const Field* Struct::find_case_insensitive(std::string_view name) const {
  if (const Field* exact = find(name)) return exact;
  for (const Field& f : fields) {
    if (equal_ignoring_case(f.name, name)) return &f;
  }
  return nullptr;
}

// Reads the schema file in two passes: first every struct name (so fields may refer to structs
// declared later), then the fields, whose types point into the finished struct table. The file
// is read with simdjson's DOM, which keeps members in file order (field order is the order
// documentation and suggestions list them in): every run parses it before its first check, and
// an nlohmann::ordered_json tree took a quarter of a one-file check's instructions.
struct SchemaParser {
  using Element = simdjson::dom::element;
  using Object = simdjson::dom::object;

  Schema schema;
  std::unordered_map<std::string, std::size_t> struct_index;

  void parse(std::string_view text) {
    simdjson::dom::parser parser;
    Element doc;
    if (const auto error = parser.parse(text.data(), text.size()).get(doc)) {
      throw std::runtime_error(std::string("schema: not valid JSON: ") +
                               simdjson::error_message(error));
    }
    const Object top = object_of(doc, "the schema");
    const Object structs = require_object(top, "structs", "schema");
    schema.structs_.reserve(structs.size());
    for (const auto member : structs) {
      const std::string name(member.key);
      if (!struct_index.emplace(name, schema.structs_.size()).second)
        throw std::runtime_error("schema: struct " + name + " is declared twice");
      Struct s;
      s.name = name;
      s.description =
          string_or(object_of(member.value, "struct " + name), "description", "", "struct " + name);
      schema.structs_.push_back(std::move(s));
    }
    for (const auto member : structs) {
      parse_struct(schema.structs_[struct_index.at(std::string(member.key))],
                   object_of(member.value, "struct " + std::string(member.key)));
    }
    const std::string root = string_or(top, "root", "", "schema");
    const auto it = struct_index.find(root);
    if (it == struct_index.end())
      throw std::runtime_error("schema: root struct \"" + root + "\" is not declared");
    schema.root_index_ = it->second;
    check_flattened_fields();
  }

  static Object object_of(Element value, const std::string& where) {
    Object object;
    if (value.get_object().get(object))
      throw std::runtime_error("schema: " + where + ": must be an object");
    return object;
  }

  static std::optional<Element> member(Object object, std::string_view key) {
    Element value;
    if (object.at_key(key).get(value)) return std::nullopt;
    return value;
  }

  static Object require_object(Object object, const char* key, const std::string& where) {
    Object found;
    const auto value = member(object, key);
    if (!value || value->get_object().get(found)) {
      throw std::runtime_error("schema: " + where + ": \"" + key + "\" must be an object");
    }
    return found;
  }

  static std::string string_or(Object object, const char* key, const char* fallback,
                               const std::string& where) {
    const auto value = member(object, key);
    if (!value) return fallback;
    std::string_view text;
    if (value->get_string().get(text))
      throw std::runtime_error("schema: " + where + ": \"" + key + "\" must be a string");
    return std::string(text);
  }

  static bool bool_or(Object object, const char* key, bool fallback, const std::string& where) {
    const auto value = member(object, key);
    if (!value) return fallback;
    bool flag = false;
    if (value->get_bool().get(flag))
      throw std::runtime_error("schema: " + where + ": \"" + key + "\" must be true or false");
    return flag;
  }

  void parse_struct(Struct& s, Object body) {
    for (const auto entry : body) {
      if (entry.key != "description" && entry.key != "fields") {
        throw std::runtime_error("schema: struct " + s.name + ": unknown entry \"" +
                                 std::string(entry.key) + "\"");
      }
    }
    for (const auto field : require_object(body, "fields", s.name)) {
      const std::string name(field.key);
      if (s.find(name) != nullptr)
        throw std::runtime_error("schema: " + s.name + "." + name + ": declared twice");
      s.fields.push_back(parse_field(s.name + "." + name, name, field.value));
    }
  }

  Field parse_field(const std::string& where, const std::string& name, Element value) {
    static const char* const known[] = {"type",
                                        "enum",
                                        "enum_case_insensitive",
                                        "default",
                                        "required",
                                        "cloudformation",
                                        "terraform",
                                        "terraform_shape",
                                        "terraform_flattens",
                                        "description"};
    const Object spec = object_of(value, where);
    for (const auto entry : spec) {
      if (std::find(std::begin(known), std::end(known), entry.key) == std::end(known)) {
        throw std::runtime_error("schema: " + where + ": unknown entry \"" +
                                 std::string(entry.key) + "\"");
      }
    }
    Field f;
    f.name = name;
    f.key = intern(name);
    const auto type = member(spec, "type");
    if (!type) throw std::runtime_error("schema: " + where + ": missing \"type\"");
    f.type = parse_type(*type, where);
    if (const auto values = member(spec, "enum")) {
      simdjson::dom::array list;
      if (values->get_array().get(list))
        throw std::runtime_error("schema: " + where + ": \"enum\" must be a list");
      for (const Element v : list) {
        std::string_view text;
        if (v.get_string().get(text))
          throw std::runtime_error("schema: " + where + ": enum values must be strings");
        f.enum_values.emplace_back(text);
      }
    }
    f.enum_case_insensitive = bool_or(spec, "enum_case_insensitive", false, where);
    if (const auto fallback = member(spec, "default")) {
      check_default(*fallback, f.type, where);
      f.default_value = nlohmann::json::parse(simdjson::minify(*fallback));
    }
    f.required = bool_or(spec, "required", false, where);
    if (const auto spelling = member(spec, "cloudformation"); !spelling) {
      f.cloudformation_name = pascal_case(name);
    } else if (spelling->is_string()) {
      f.cloudformation_name = std::string(std::string_view(*spelling));
    } else if (!spelling->is_null()) {
      throw std::runtime_error("schema: " + where +
                               ": \"cloudformation\" must be a string or null");
    }
    f.terraform_name = string_or(spec, "terraform", "", where);
    f.terraform_shape = parse_shape(string_or(spec, "terraform_shape", "plain", where), where);
    f.terraform_flattens = string_or(spec, "terraform_flattens", "", where);
    f.description = string_or(spec, "description", "", where);
    return f;
  }

  Type parse_type(Element t, const std::string& where) {
    if (std::string_view text; !t.get_string().get(text)) {
      const std::string name(text);
      if (name == "string") return Type::string();
      if (name == "number") return Type::number();
      if (name == "boolean") return Type::boolean();
      const auto it = struct_index.find(name);
      if (it == struct_index.end()) {
        throw std::runtime_error("schema: " + where + ": unknown type \"" + name + "\"");
      }
      return Type::structure(&schema.structs_[it->second]);
    }
    if (Object object; !t.get_object().get(object) && object.size() == 1) {
      if (const auto item = member(object, "list")) return Type::list_of(parse_type(*item, where));
      if (const auto value = member(object, "map")) return Type::map_of(parse_type(*value, where));
    }
    throw std::runtime_error("schema: " + where +
                             ": a type is a name, {\"list\": T} or {\"map\": T}");
  }

  static void check_default(Element value, const Type& type, const std::string& where) {
    const bool ok = (type.is(Type::Kind::String) && value.is_string()) ||
                    (type.is(Type::Kind::Number) && value.is_number()) ||
                    (type.is(Type::Kind::Bool) && value.is_bool());
    if (!ok)
      throw std::runtime_error("schema: " + where + ": default does not match type " + type.name());
  }

  KeyId intern(const std::string& name) {
    if (const KeyId present = schema.key_index_.find(name); present != kNoKey) return present;
    if (name.empty()) throw std::runtime_error("schema: a field has an empty name");
    if (schema.key_names_.size() >= kNoKey)
      throw std::runtime_error("schema: too many field names");
    const KeyId next = static_cast<KeyId>(schema.key_names_.size());
    schema.key_index_.insert(name, next);
    schema.key_names_.push_back(name);
    return next;
  }

  void check_flattened_fields() const {
    for (const Struct& s : schema.structs_) {
      for (const Field& f : s.fields) {
        if (f.terraform_shape != TerraformShape::Flattened) continue;
        const Struct* nested = f.type.struct_definition();
        if (nested == nullptr || nested->find(f.terraform_flattens) == nullptr) {
          throw std::runtime_error("schema: " + s.name + "." + f.name +
                                   ": terraform_flattens must name a field of its struct type");
        }
      }
    }
  }
};

Schema Schema::parse(std::string_view json_text) {
  SchemaParser parser;
  parser.parse(json_text);
  return std::move(parser.schema);
}

const Schema& Schema::task_definition() {
  static const Schema instance = parse(embedded::task_definition_schema());
  return instance;
}

const Struct& Schema::root() const {
  return structs_[root_index_];
}

const Struct* Schema::find_struct(std::string_view name) const {
  for (const Struct& s : structs_) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

KeyId Schema::key(std::string_view canonical_name) const {
  return key_index_.find(canonical_name);
}

std::string_view Schema::key_name(KeyId key) const {
  return key < key_names_.size() ? std::string_view(key_names_[key]) : std::string_view();
}

std::vector<std::string> Schema::suggest(const Struct& where, std::string_view misspelled) const {
  // Close enough to be a slip of the keyboard: a third of the word, at least two edits.
  const std::size_t limit = std::max<std::size_t>(2, misspelled.size() / 3);
  std::vector<std::pair<std::size_t, const Field*>> ranked;
  for (const Field& f : where.fields) {
    const std::size_t d = edit_distance(misspelled, f.name);
    if (d <= limit) ranked.emplace_back(d, &f);
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (const auto& [distance, field] : ranked)
    out.push_back(field->name);
  return out;
}

}  // namespace taskguard::schema
