#pragma once
// A regex constant of a program, compiled on first use, once, whichever thread asks first:
// compiling every pattern of a pack costs more than loading it, and a run with --only or on a
// few files needs few of them.

#include <memory>
#include <mutex>
#include <string>

namespace taskguard::text {
class FilteredRegex;
}

namespace taskguard::program {

class LazyRegex {
 public:
  LazyRegex();
  ~LazyRegex();
  LazyRegex(const LazyRegex&) = delete;
  LazyRegex& operator=(const LazyRegex&) = delete;

  // Called once, before the program is shared.
  void set_pattern(std::string pattern) { pattern_ = std::move(pattern); }
  const std::string& pattern() const { return pattern_; }

  // The compiled regex, or nullptr when RE2 cannot compile a pattern whose syntax it accepted
  // (one past RE2's memory budget); error() then says why.
  const text::FilteredRegex* get() const;
  std::string error() const;

 private:
  std::string pattern_;
  mutable std::once_flag compiled_once_;
  mutable std::unique_ptr<const text::FilteredRegex> compiled_;
};

}  // namespace taskguard::program
