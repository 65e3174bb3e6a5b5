#pragma once
// What a fuzz entry point reports: the input was accepted, or refused with a message. A refusal
// without a message is a silent failure; the regression tests assert it never happens.

#include <string>

namespace taskguard::fuzz {

struct Result {
  bool accepted = false;
  std::string error;  // the first error reported, when refused

  bool clean() const { return accepted || !error.empty(); }
};

}  // namespace taskguard::fuzz
