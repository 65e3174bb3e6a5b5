#include "language/program/lazy_regex.hpp"

#include <re2/re2.h>

#include "stdlib/text/regex.hpp"

namespace taskguard::program {

LazyRegex::LazyRegex() = default;
LazyRegex::~LazyRegex() = default;

const text::FilteredRegex* LazyRegex::get() const {
  std::call_once(compiled_once_, [&] { compiled_ = text::FilteredRegex::compile(pattern_); });
  return compiled_->ok() ? compiled_.get() : nullptr;
}

std::string LazyRegex::error() const {
  const text::FilteredRegex* compiled = get();
  return compiled != nullptr ? std::string() : text::regex_error(compiled_->regex());
}

}  // namespace taskguard::program
