#pragma once
// Applies waivers to outcomes as they stream in, and remembers which waivers were used, so that at
// the end of a run it can say which ones expired and which ones waived nothing (stale).

#include <cstdint>
#include <string>
#include <vector>

#include "interpreter/outcome/outcome.hpp"
#include "interpreter/waivers/waiver.hpp"

namespace taskguard::waivers {

// A waiver applies to an outcome when its rule glob matches the rule's id or name and each of its
// target globs matches (inline waivers: same file and resource). Only fail and unknown outcomes
// are waived: a pass needs no waiver and an error is a problem of the tool or the policy.
bool waiver_matches(const Waiver& waiver, const Outcome& outcome);

class WaiverBook {
 public:
  // `today` is YYYY-MM-DD; a waiver whose `expires` is before it no longer applies.
  WaiverBook(std::vector<Waiver> waivers, std::string today);

  // Inline waivers discovered while loading inputs.
  void add(Waiver waiver);

  // Marks matching outcomes as waived (first matching waiver wins) and records the use.
  void apply(std::vector<Outcome>& outcomes);

  // Expired waivers, then stale ones, in declaration order. Call once every outcome is applied.
  std::vector<WaiverNotice> notices() const;

  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    Waiver waiver;
    bool expired = false;
    std::uint64_t matched = 0;
  };
  std::vector<Entry> entries_;
  std::string today_;
};

// Today's date in UTC, YYYY-MM-DD.
std::string today_utc();

}  // namespace taskguard::waivers
