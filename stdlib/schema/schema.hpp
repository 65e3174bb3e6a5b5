#pragma once
// The canonical task-definition schema: the single source of truth for field names, types,
// enums, AWS defaults and the CloudFormation / Terraform spellings. The data lives in
// stdlib/schema/task_definition.schema.json and is embedded into the binary; the checker,
// the loaders and the documentation generator all read it through this interface.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "stdlib/schema/key_table.hpp"
#include "stdlib/types/type.hpp"

namespace taskguard::schema {

// Interned field names (KeyId, key_table.hpp). Every distinct canonical (camelCase) field name in
// the schema has one id; documents and compiled programs both use it, so the VM compares
// integers, never key strings.

// How Terraform's aws_ecs_task_definition writes a field (top-level resource attributes only;
// inside container_definitions the JSON uses the API spelling).
enum class TerraformShape : unsigned char {
  Plain,       // same structure, snake_case name
  Block,       // nested block: a list holding one object (or several, for repeated blocks)
  TagMap,      // a map {key = value} standing for a list of {key, value} objects
  JsonString,  // a JSON document encoded in a string (container_definitions)
  Flattened,  // the value of one nested field written directly (volume.host_path = host.sourcePath)
};

struct Struct;

struct Field {
  std::string name;                      // canonical API spelling, e.g. "readonlyRootFilesystem"
  KeyId key = kNoKey;                    // interned `name`
  Type type;                             // resolved against the schema's structs
  std::vector<std::string> enum_values;  // empty: any value of `type`
  bool enum_case_insensitive = false;    // e.g. capabilities accept any letter case
  std::optional<nlohmann::json> default_value;  // the documented AWS default, if knowable
  bool required = false;                        // required by RegisterTaskDefinition
  std::string cloudformation_name;              // "" when CloudFormation has no such property
  std::string terraform_name;                   // "" when Terraform has no such attribute
  TerraformShape terraform_shape = TerraformShape::Plain;
  std::string terraform_flattens;  // Flattened: the nested field the attribute stands for
  std::string description;
};

struct Struct {
  std::string name;  // e.g. "ContainerDefinition"
  std::vector<Field> fields;
  std::string description;

  const Field* find(std::string_view canonical_name) const;
  const Field* find_by_key(KeyId key) const;
  const Field* find_cloudformation(std::string_view name) const;
  // Terraform attribute names; `case_insensitive` matches the provider's JSON decoding.
  const Field* find_terraform(std::string_view name) const;
  const Field* find_case_insensitive(std::string_view name) const;
};

class Schema {
 public:
  // The embedded schema, parsed and validated once (thread-safe).
  static const Schema& task_definition();
  // Parse a schema from its JSON text; throws std::runtime_error naming the bad entry.
  static Schema parse(std::string_view json_text);

  const Struct& root() const;  // "TaskDefinition"
  const Struct* find_struct(std::string_view name) const;
  const std::vector<Struct>& structs() const { return structs_; }

  KeyId key(std::string_view canonical_name) const;  // kNoKey when no field has this name
  std::string_view key_name(KeyId key) const;
  std::size_t key_count() const { return key_names_.size(); }

  // Field names of `where` close to `misspelled` (edit distance), best first, for "did you mean".
  std::vector<std::string> suggest(const Struct& where, std::string_view misspelled) const;

 private:
  std::vector<Struct> structs_;
  std::vector<std::string> key_names_;
  KeyTable key_index_;
  std::size_t root_index_ = 0;
  friend struct SchemaParser;
};

}  // namespace taskguard::schema
