#include "stdlib/schema/schema.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <unordered_map>

namespace taskguard::embedded {
std::string_view task_definition_schema();
}

namespace taskguard::schema {

namespace {

using OrderedJson = nlohmann::ordered_json;

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
// declared later), then the fields, whose types point into the finished struct table.
struct SchemaParser {
  Schema schema;
  std::unordered_map<std::string, std::size_t> struct_index;

  void parse(std::string_view text) {
    OrderedJson doc;
    try {
      doc = OrderedJson::parse(text);
    } catch (const OrderedJson::parse_error& e) {
      throw std::runtime_error(std::string("schema: not valid JSON: ") + e.what());
    }
    const OrderedJson& structs = require_object(doc, "structs", "schema");
    schema.structs_.reserve(structs.size());
    for (const auto& [name, body] : structs.items()) {
      struct_index.emplace(name, schema.structs_.size());
      Struct s;
      s.name = name;
      s.description = body.value("description", "");
      schema.structs_.push_back(std::move(s));
    }
    for (const auto& [name, body] : structs.items()) {
      parse_struct(schema.structs_[struct_index.at(name)], body);
    }
    const std::string root = doc.value("root", "");
    const auto it = struct_index.find(root);
    if (it == struct_index.end())
      throw std::runtime_error("schema: root struct \"" + root + "\" is not declared");
    schema.root_index_ = it->second;
    check_flattened_fields();
  }

  static const OrderedJson& require_object(const OrderedJson& j, const char* key,
                                           const std::string& where) {
    const auto it = j.find(key);
    if (it == j.end() || !it->is_object()) {
      throw std::runtime_error("schema: " + where + ": \"" + key + "\" must be an object");
    }
    return *it;
  }

  void parse_struct(Struct& s, const OrderedJson& body) {
    for (const auto& [key, _] : body.items()) {
      if (key != "description" && key != "fields") {
        throw std::runtime_error("schema: struct " + s.name + ": unknown entry \"" + key + "\"");
      }
    }
    for (const auto& [name, spec] : require_object(body, "fields", s.name).items()) {
      s.fields.push_back(parse_field(s.name + "." + name, name, spec));
    }
  }

  Field parse_field(const std::string& where, const std::string& name, const OrderedJson& spec) {
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
    if (!spec.is_object()) throw std::runtime_error("schema: " + where + ": must be an object");
    for (const auto& [key, _] : spec.items()) {
      if (std::find(std::begin(known), std::end(known), key) == std::end(known)) {
        throw std::runtime_error("schema: " + where + ": unknown entry \"" + key + "\"");
      }
    }
    Field f;
    f.name = name;
    f.key = intern(name);
    if (!spec.contains("type")) throw std::runtime_error("schema: " + where + ": missing \"type\"");
    f.type = parse_type(spec["type"], where);
    if (const auto it = spec.find("enum"); it != spec.end()) {
      if (!it->is_array())
        throw std::runtime_error("schema: " + where + ": \"enum\" must be a list");
      for (const auto& v : *it) {
        if (!v.is_string())
          throw std::runtime_error("schema: " + where + ": enum values must be strings");
        f.enum_values.push_back(v.get<std::string>());
      }
    }
    f.enum_case_insensitive = spec.value("enum_case_insensitive", false);
    if (const auto it = spec.find("default"); it != spec.end()) {
      check_default(*it, f.type, where);
      f.default_value = nlohmann::json::parse(it->dump());
    }
    f.required = spec.value("required", false);
    if (const auto it = spec.find("cloudformation"); it == spec.end()) {
      f.cloudformation_name = pascal_case(name);
    } else if (it->is_string()) {
      f.cloudformation_name = it->get<std::string>();
    } else if (!it->is_null()) {
      throw std::runtime_error("schema: " + where +
                               ": \"cloudformation\" must be a string or null");
    }
    f.terraform_name = spec.value("terraform", "");
    f.terraform_shape = parse_shape(spec.value("terraform_shape", "plain"), where);
    f.terraform_flattens = spec.value("terraform_flattens", "");
    f.description = spec.value("description", "");
    return f;
  }

  Type parse_type(const OrderedJson& t, const std::string& where) {
    if (t.is_string()) {
      const std::string name = t.get<std::string>();
      if (name == "string") return Type::string();
      if (name == "number") return Type::number();
      if (name == "boolean") return Type::boolean();
      const auto it = struct_index.find(name);
      if (it == struct_index.end()) {
        throw std::runtime_error("schema: " + where + ": unknown type \"" + name + "\"");
      }
      return Type::structure(&schema.structs_[it->second]);
    }
    if (t.is_object() && t.size() == 1) {
      if (t.contains("list")) return Type::list_of(parse_type(t["list"], where));
      if (t.contains("map")) return Type::map_of(parse_type(t["map"], where));
    }
    throw std::runtime_error("schema: " + where +
                             ": a type is a name, {\"list\": T} or {\"map\": T}");
  }

  static void check_default(const OrderedJson& value, const Type& type, const std::string& where) {
    const bool ok = (type.is(Type::Kind::String) && value.is_string()) ||
                    (type.is(Type::Kind::Number) && value.is_number()) ||
                    (type.is(Type::Kind::Bool) && value.is_boolean());
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
