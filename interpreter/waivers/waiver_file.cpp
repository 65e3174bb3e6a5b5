#include "interpreter/waivers/waiver_file.hpp"

#include <fmt/core.h>
#include <yaml-cpp/yaml.h>

#include <chrono>
#include <string_view>

namespace taskguard::waivers {
namespace {

constexpr std::string_view kKeys[] = {"rule",  "path",   "family", "container",
                                      "owner", "reason", "expires"};

std::string where(const std::string& file, const YAML::Mark& mark) {
  if (mark.line < 0) return file;
  return fmt::format("{}:{}:{}", file, mark.line + 1, mark.column + 1);
}

std::string scalar(const YAML::Node& entry, const char* key, const std::string& file) {
  const YAML::Node value = entry[key];
  if (!value) return {};
  if (!value.IsScalar()) {
    throw WaiverError(
        fmt::format("{}: waiver field '{}' must be a string", where(file, value.Mark()), key));
  }
  return value.Scalar();
}

Waiver parse_entry(const YAML::Node& entry, const std::string& file) {
  if (!entry.IsMap()) {
    throw WaiverError(fmt::format(
        "{}: a waiver is a map with rule, reason, owner, expires and a target (path, family, "
        "container)",
        where(file, entry.Mark())));
  }
  for (const auto& member : entry) {
    const std::string key = member.first.Scalar();
    bool known = false;
    for (std::string_view k : kKeys)
      known = known || k == key;
    if (!known) {
      throw WaiverError(
          fmt::format("{}: unknown waiver field '{}' (expected one of: rule, path, "
                      "family, container, owner, reason, expires)",
                      where(file, member.first.Mark()), key));
    }
  }
  Waiver waiver;
  waiver.rule = scalar(entry, "rule", file);
  waiver.path = scalar(entry, "path", file);
  waiver.family = scalar(entry, "family", file);
  waiver.container = scalar(entry, "container", file);
  waiver.owner = scalar(entry, "owner", file);
  waiver.reason = scalar(entry, "reason", file);
  waiver.expires = scalar(entry, "expires", file);
  waiver.declared_in = file;
  waiver.line = static_cast<std::uint32_t>(entry.Mark().line + 1);
  waiver.column = static_cast<std::uint32_t>(entry.Mark().column + 1);
  const std::string at = where(file, entry.Mark());
  if (waiver.rule.empty())
    throw WaiverError(at + ": a waiver needs a 'rule' (a rule id, name or glob)");
  if (waiver.reason.empty())
    throw WaiverError(at + ": a waiver needs a 'reason': say why the risk is accepted");
  if (waiver.owner.empty())
    throw WaiverError(at + ": a waiver needs an 'owner': who accepted the risk");
  if (waiver.expires.empty()) {
    throw WaiverError(at +
                      ": a waiver needs an 'expires' date (YYYY-MM-DD): exceptions are temporary");
  }
  if (!is_iso_date(waiver.expires)) {
    throw WaiverError(fmt::format("{}: 'expires' must be a date written YYYY-MM-DD, not '{}'", at,
                                  waiver.expires));
  }
  return waiver;
}

// Inline waivers are read from the canonical document tree, not from YAML.
const document::Node* member(const document::Node* object, std::string_view key) {
  return object != nullptr && object->is_object() ? object->get(key) : nullptr;
}

}  // namespace

bool is_iso_date(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  const int year = std::stoi(text.substr(0, 4));
  const unsigned month = static_cast<unsigned>(std::stoi(text.substr(5, 2)));
  const unsigned day = static_cast<unsigned>(std::stoi(text.substr(8, 2)));
  return std::chrono::year_month_day{std::chrono::year{year}, std::chrono::month{month},
                                     std::chrono::day{day}}
      .ok();
}

std::vector<Waiver> parse_waiver_list(const YAML::Node& list, const std::string& file) {
  if (!list || list.IsNull()) return {};
  if (!list.IsSequence()) {
    throw WaiverError(where(file, list.Mark()) + ": 'waivers' must be a list of waivers");
  }
  std::vector<Waiver> result;
  for (const auto& entry : list)
    result.push_back(parse_entry(entry, file));
  return result;
}

std::vector<Waiver> read_waiver_file(const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    throw WaiverError(path + ": cannot read the waiver file");
  } catch (const YAML::ParserException& e) {
    throw WaiverError(fmt::format("{}: {}", where(path, e.mark), e.msg));
  }
  if (root.IsMap()) {
    for (const auto& m : root) {
      if (m.first.Scalar() != "waivers") {
        throw WaiverError(fmt::format("{}: unknown key '{}' in a waiver file (expected 'waivers')",
                                      where(path, m.first.Mark()), m.first.Scalar()));
      }
    }
    return parse_waiver_list(root["waivers"], path);
  }
  if (root.IsNull()) return {};
  return parse_waiver_list(root, path);
}

std::vector<Waiver> inline_waivers(const document::TaskDefinition& task_definition,
                                   std::vector<document::InputError>& errors) {
  std::vector<Waiver> result;
  const document::Node* list = member(member(task_definition.metadata, "taskguard"), "waivers");
  if (list == nullptr) return result;
  const std::string& file = task_definition.origin.file;
  auto error = [&](const document::Node& at, std::string message) {
    errors.push_back({file, at.pos, std::move(message), false});
  };
  if (!list->is_array()) {
    error(*list, "Metadata.taskguard.waivers must be a list of waivers");
    return result;
  }
  for (const document::Node* entry : list->items()) {
    if (!entry->is_object()) {
      error(*entry,
            "an inline waiver is a map with rule, reason, and optionally owner and expires");
      continue;
    }
    Waiver waiver;
    bool valid = true;
    for (const document::Member& m : entry->members()) {
      std::string* field = m.key() == "rule"        ? &waiver.rule
                           : m.key() == "reason"    ? &waiver.reason
                           : m.key() == "owner"     ? &waiver.owner
                           : m.key() == "expires"   ? &waiver.expires
                           : m.key() == "container" ? &waiver.container
                                                    : nullptr;
      if (field == nullptr) {
        error(*m.value, fmt::format("unknown inline waiver field '{}' (expected rule, reason, "
                                    "owner, expires, container)",
                                    m.key()));
        valid = false;
      } else if (!m.value->is_string()) {
        error(*m.value, fmt::format("inline waiver field '{}' must be a string", m.key()));
        valid = false;
      } else {
        *field = std::string(m.value->text());
      }
    }
    if (valid && waiver.rule.empty()) {
      error(*entry, "an inline waiver needs a 'rule'");
      valid = false;
    }
    if (valid && waiver.reason.empty()) {
      error(*entry,
            fmt::format("the inline waiver for {} needs a 'reason': say why the risk is accepted",
                        waiver.rule));
      valid = false;
    }
    if (valid && !waiver.expires.empty() && !is_iso_date(waiver.expires)) {
      error(*entry,
            fmt::format("'expires' must be a date written YYYY-MM-DD, not '{}'", waiver.expires));
      valid = false;
    }
    if (!valid) continue;
    waiver.is_inline = true;
    waiver.path = file;
    waiver.resource = task_definition.origin.resource;
    waiver.declared_in = file;
    waiver.line = entry->pos.line;
    waiver.column = entry->pos.column;
    result.push_back(std::move(waiver));
  }
  return result;
}

}  // namespace taskguard::waivers
