#include "interpreter/outcome/outcome.hpp"

namespace taskguard {

const char* status_name(Status s) {
  switch (s) {
    case Status::Fail:
      return "fail";
    case Status::Unknown:
      return "unknown";
    case Status::Error:
      return "error";
    case Status::Waived:
      return "waived";
    case Status::NotApplicable:
      return "not_applicable";
    case Status::Pass:
      return "pass";
  }
  return "error";
}

}  // namespace taskguard
