#pragma once
// Reading waivers: from a waiver file (--waivers), from the `waivers:` list of a configuration
// file, and from the Metadata of a CloudFormation task definition resource.

#include <stdexcept>
#include <string>
#include <vector>

#include "interpreter/document/document.hpp"
#include "interpreter/waivers/waiver.hpp"

namespace YAML {
class Node;
}

namespace taskguard::waivers {

// A waiver that cannot be used (missing reason, bad date, unknown key ...). The message starts
// with file:line:col.
struct WaiverError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A waiver file holds either a list of waivers or a map with one key, `waivers:`, holding it.
// Throws WaiverError (unreadable file, bad YAML, bad entry).
std::vector<Waiver> read_waiver_file(const std::string& path);

// The list itself, already parsed (a configuration file's `waivers:` value). `file` names it in
// messages.
std::vector<Waiver> parse_waiver_list(const YAML::Node& list, const std::string& file);

// Waivers written in a CloudFormation resource's Metadata:
//   Metadata: {taskguard: {waivers: [{rule: TG-RUN-001, reason: "...", owner: ..., expires: ...}]}}
// They apply to that task definition only. A malformed entry is reported in `errors` (with its
// file:line:col) and skipped, so one typo never hides the rest of the file's findings.
std::vector<Waiver> inline_waivers(const document::TaskDefinition& task_definition,
                                   std::vector<document::InputError>& errors);

// True for a real calendar date written YYYY-MM-DD.
bool is_iso_date(const std::string& text);

}  // namespace taskguard::waivers
