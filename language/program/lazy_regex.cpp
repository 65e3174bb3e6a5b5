#include "language/program/lazy_regex.hpp"

#include <re2/re2.h>

#include "stdlib/text/regex.hpp"

namespace taskguard::program {

LazyRegex::LazyRegex() = default;
LazyRegex::~LazyRegex() = default;

const re2::RE2* LazyRegex::get() const {
  std::call_once(compiled_once_, [&] { compiled_ = text::compile_re2(pattern_); });
  return compiled_->ok() ? compiled_.get() : nullptr;
}

std::string LazyRegex::error() const {
  const re2::RE2* compiled = get();
  return compiled != nullptr ? std::string() : text::regex_error(*compiled_);
}

}  // namespace taskguard::program
