#pragma once
// Resource limits: how much of each kind of input the engine accepts before it refuses. Every
// reader and the VM take their bounds from one Limits value, so a single place documents the
// defaults (docs/security.md) and one flag (--limit NAME=VALUE) or one configuration map
// (`limits:` in .taskguard.yaml) changes any of them.
//
// The struct lives at the bottom of the module stack because the policy front end (source size,
// regular expressions) needs it as much as the document loaders and the VM do.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace taskguard::limits {

struct Limits {
  std::uint64_t input_file_bytes = 256ull << 20;  // one document file, read whole
  std::uint64_t nesting_depth = 256;              // arrays and objects inside each other
  std::uint64_t string_bytes = 1ull << 20;        // one string value or key
  std::uint64_t task_definitions_per_file = 100'000;
  std::uint64_t ndjson_line_bytes = 16ull << 20;   // one line of a JSON-lines stream
  std::uint64_t yaml_nodes = 1'000'000;            // a YAML document with its aliases expanded
  std::uint64_t policy_source_bytes = 1ull << 20;  // one policy (.tg) file
  std::uint64_t vm_steps = 1'000'000;              // instructions per rule per task definition
  std::uint64_t regex_program_bytes = 8ull << 20;  // memory RE2 may use to compile one pattern
};

// One row of the catalogue: the name used by --limit and `limits:`, and what the limit is for.
struct LimitInfo {
  std::string_view name;  // "nesting-depth"
  std::uint64_t Limits::*field;
  std::string_view unit;     // "bytes", "levels", ... (for messages and docs)
  std::string_view defends;  // one line: the attack or accident it stops
  std::uint64_t ceiling;     // largest accepted value: beyond it a recursive walk could overflow
};

// Every limit, in the order of the documentation table.
std::span<const LimitInfo> catalogue();

// The row for `name`, or nullptr.
const LimitInfo* find(std::string_view name);

// Sets one limit from text ("nesting-depth", "512"). Sizes accept a K, M or G suffix (powers of
// 1024). Returns an error message, or nullopt on success. An unknown name's message lists the
// names; callers with a spelling helper can add a suggestion (see names()).
std::optional<std::string> set(Limits& limits, std::string_view name, std::string_view value);

// "NAME=VALUE" as given to --limit.
std::optional<std::string> set(Limits& limits, std::string_view assignment);

// The names of every limit, for "did you mean".
std::span<const std::string> names();

// The message of an input that went past a limit: "<what> (limit nesting-depth = 256; raise it
// with --limit nesting-depth=N or `limits: {nesting-depth: N}` in .taskguard.yaml)".
std::string exceeded(std::string_view name, std::uint64_t value, std::string_view what);

}  // namespace taskguard::limits
