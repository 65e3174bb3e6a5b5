#pragma once
// An outcome: one rule's verdict on one binding of one task definition. Reporters are pure
// functions of outcomes; they never see documents or programs.

#include <memory>
#include <string>
#include <vector>

#include "interpreter/document/document.hpp"
#include "language/program/rule_metadata.hpp"

namespace taskguard {

enum class Status : unsigned char { Fail, Unknown, Error, Waived, NotApplicable, Pass };
const char* status_name(
    Status s);  // "fail", "unknown", "error", "waived", "not_applicable", "pass"

struct Location {
  std::string pointer;     // RFC 6901 into the canonical task definition
  std::string file;        // when it is not origin.file (a location in another file); usually empty
  std::uint32_t line = 0;  // 0 when not known
  std::uint32_t column = 0;
};

struct Waiver;  // interpreter/waivers

struct Outcome {
  std::shared_ptr<const RuleMetadata> rule;
  Status status = Status::Pass;
  Severity severity = Severity::Medium;  // the rule's, after any override
  std::string message;
  document::Origin origin;
  document::SharedText family;  // taskDefinition.family, when known
  std::string container;        // name of the container the binding is in, when there is one
  Location location;
  bool assumed = false;  // the verdict rests on a value the loader assumed (parameter default)
  // For unknown outcomes: why the deciding value is unknown ("!GetAtt TaskRole.Arn",
  // "known after apply"), when the engine can tell.
  std::string unknown_reason;
  // For waived outcomes: who accepted the risk, why, until when.
  std::string waiver_owner;
  std::string waiver_reason;
  std::string waiver_expires;
};

}  // namespace taskguard
