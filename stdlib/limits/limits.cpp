#include "stdlib/limits/limits.hpp"

#include <fmt/core.h>

#include <array>
#include <charconv>

namespace taskguard::limits {
namespace {

constexpr std::uint64_t kNoCeiling = ~std::uint64_t{0};

// Readers, the normaliser and the VM walk nested values recursively. A few thousand levels fit
// any thread's stack; more would turn a refused document into a crash.
constexpr std::uint64_t kDepthCeiling = 4096;

constexpr std::array<LimitInfo, 9> kCatalogue{{
    {"input-file-bytes", &Limits::input_file_bytes, "bytes",
     "memory: a document file is read whole before it is parsed", kNoCeiling},
    {"nesting-depth", &Limits::nesting_depth, "levels",
     "stack: deeply nested arrays or objects ([[[[...) in JSON or YAML", kDepthCeiling},
    {"string-bytes", &Limits::string_bytes, "bytes",
     "memory and time: one enormous string value or key copied and scanned by every rule",
     kNoCeiling},
    {"task-definitions-per-file", &Limits::task_definitions_per_file, "task definitions",
     "time: a file that multiplies the work of every rule (huge arrays, templates)", kNoCeiling},
    {"ndjson-line-bytes", &Limits::ndjson_line_bytes, "bytes",
     "memory: a JSON-lines stream is read a line at a time; one line is held whole", kNoCeiling},
    {"yaml-nodes", &Limits::yaml_nodes, "nodes",
     "memory and time: YAML aliases that expand exponentially (billion laughs)", kNoCeiling},
    {"policy-source-bytes", &Limits::policy_source_bytes, "bytes",
     "memory and time: a policy file is parsed, checked and compiled whole", kNoCeiling},
    {"vm-steps", &Limits::vm_steps, "instructions",
     "time: a rule looping over a huge document; the rule's outcome is an error", kNoCeiling},
    {"regex-program-bytes", &Limits::regex_program_bytes, "bytes",
     "memory: a regular expression whose compiled program explodes (a{1000}{1000})", kNoCeiling},
}};

std::optional<std::uint64_t> parse_amount(std::string_view text) {
  std::uint64_t scale = 1;
  if (!text.empty()) {
    switch (text.back()) {
      case 'K':
      case 'k':
        scale = 1ull << 10;
        break;
      case 'M':
      case 'm':
        scale = 1ull << 20;
        break;
      case 'G':
      case 'g':
        scale = 1ull << 30;
        break;
      default:
        break;
    }
    if (scale != 1) text.remove_suffix(1);
  }
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  if (value > kNoCeiling / scale) return std::nullopt;
  return value * scale;
}

}  // namespace

std::span<const LimitInfo> catalogue() {
  return kCatalogue;
}

const LimitInfo* find(std::string_view name) {
  for (const LimitInfo& info : kCatalogue) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

std::span<const std::string> names() {
  static const std::vector<std::string> all = [] {
    std::vector<std::string> out;
    for (const LimitInfo& info : kCatalogue)
      out.emplace_back(info.name);
    return out;
  }();
  return all;
}

std::optional<std::string> set(Limits& limits, std::string_view name, std::string_view value) {
  const LimitInfo* info = find(name);
  if (info == nullptr) {
    std::string list;
    for (const LimitInfo& known : kCatalogue)
      list += fmt::format("{}{}", list.empty() ? "" : ", ", known.name);
    return fmt::format("unknown limit '{}': the limits are {}", name, list);
  }
  const std::optional<std::uint64_t> amount = parse_amount(value);
  if (!amount || *amount == 0) {
    return fmt::format(
        "limit {} must be a whole number above 0 (K, M, G suffixes allowed), not '{}'", name,
        value);
  }
  if (*amount > info->ceiling) {
    return fmt::format("limit {} cannot be above {} {}", name, info->ceiling, info->unit);
  }
  limits.*(info->field) = *amount;
  return std::nullopt;
}

std::optional<std::string> set(Limits& limits, std::string_view assignment) {
  const std::size_t equals = assignment.find('=');
  if (equals == std::string_view::npos) {
    return fmt::format("--limit takes NAME=VALUE, not '{}'", assignment);
  }
  return set(limits, assignment.substr(0, equals), assignment.substr(equals + 1));
}

std::string exceeded(std::string_view name, std::uint64_t value, std::string_view what) {
  return fmt::format("{} (limit {}={}; raise it with --limit {}=N or `limits:` in .taskguard.yaml)",
                     what, name, value, name);
}

}  // namespace taskguard::limits
