#pragma once
// JSON text → document nodes, each with the line and column where its token starts. Keys are
// kept as written (with the schema's key id when the name is a schema field anywhere); the shape
// normaliser maps them afterwards.

#include <string>
#include <string_view>
#include <vector>

#include "interpreter/document/document.hpp"
#include "stdlib/limits/limits.hpp"

namespace taskguard::loaders {

struct JsonReadOptions {
  std::uint32_t first_line = 1;  // line number of text[0] (NDJSON lines are read one at a time)
  // nesting_depth bounds every recursive walk that follows; string_bytes bounds each string.
  limits::Limits limits;
  // Well-formed text is read by simdjson first (json_fast_reader.hpp). Off: the careful reader
  // only, so tests can compare the two.
  bool fast_path = true;
};

struct JsonReadResult {
  document::Node* root = nullptr;  // nullptr on error (reported in `errors`)
  // Offset just past the first complete top-level value, or 0 if none completed. Tells a
  // stream of values (NDJSON) apart from a malformed document.
  std::size_t first_value_end = 0;
  std::size_t error_offset = 0;
};

// Parses one JSON document. Duplicate keys: the last wins, with a warning at the repeated key.
// Numbers too large for a double (1e999) are refused: no field means infinity.
JsonReadResult read_json(std::string_view text, document::Arena& arena, const std::string& file,
                         std::vector<document::InputError>& errors, JsonReadOptions options = {});

// Line and column (1-based, columns count characters) of a byte offset in `text`.
document::SourcePos position_of(std::string_view text, std::size_t offset,
                                std::uint32_t first_line = 1);

}  // namespace taskguard::loaders
