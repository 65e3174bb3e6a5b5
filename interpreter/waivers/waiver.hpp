#pragma once
// A waiver: an accepted risk. It names a rule and a target, who accepted it, why and until when.
// A matching fail or unknown outcome is reported as waived, never dropped (docs/cli.md).

#include <cstdint>
#include <string>

namespace taskguard {

struct Waiver {
  // Rule id or rule name; a glob ("TG-SEC-*") is allowed.
  std::string rule;
  // Globs over the outcome's file, task family and container name; empty matches anything.
  // `*` also crosses `/` in paths, so "services/*" covers every file below services/.
  std::string path;
  std::string family;
  std::string container;
  // Inline waivers are bound to the one task definition whose Metadata declares them:
  // `resource` is its CloudFormation logical id and `path` is its exact file (not a glob).
  bool is_inline = false;
  std::string resource;

  std::string owner;
  std::string reason;
  std::string expires;  // YYYY-MM-DD (the last day it applies), empty: never expires

  // Where the waiver is written, for notices ("waivers.yaml:4:5: waiver ... expired").
  std::string declared_in;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

// A waiver that needs attention: one that expired, or one that waived nothing in the whole run.
struct WaiverNotice {
  enum class Kind : unsigned char { Expired, Stale };
  Kind kind = Kind::Stale;
  Waiver waiver;
  std::uint64_t matched = 0;  // Expired: outcomes it would have waived (now reported as they are)
  std::string message;
};

const char* waiver_notice_kind_name(WaiverNotice::Kind kind);  // "expired", "stale"

}  // namespace taskguard
