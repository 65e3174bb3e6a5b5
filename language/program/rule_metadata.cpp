#include "language/program/rule_metadata.hpp"

namespace taskguard {

bool parse_severity(std::string_view text, Severity& out) {
  if (text == "low") {
    out = Severity::Low;
  } else if (text == "medium") {
    out = Severity::Medium;
  } else if (text == "high") {
    out = Severity::High;
  } else if (text == "critical") {
    out = Severity::Critical;
  } else {
    return false;
  }
  return true;
}

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Low:
      return "low";
    case Severity::Medium:
      return "medium";
    case Severity::High:
      return "high";
    case Severity::Critical:
      return "critical";
  }
  return "medium";
}

}  // namespace taskguard
