#include "interpreter/waivers/waiver_book.hpp"

#include <fmt/core.h>
#include <fnmatch.h>

#include <chrono>

namespace taskguard::waivers {
namespace {

bool glob_matches(const std::string& pattern, const std::string& text) {
  return pattern.empty() || fnmatch(pattern.c_str(), text.c_str(), 0) == 0;
}

// Users write "./services/api.json" or "services/api.json" for the same file.
std::string without_dot_slash(std::string path) {
  while (path.starts_with("./"))
    path.erase(0, 2);
  return path;
}

std::string describe(const Waiver& w) {
  std::string target;
  auto add = [&](const char* what, const std::string& value) {
    if (value.empty()) return;
    target += fmt::format("{}{} {}", target.empty() ? "" : ", ", what, value);
  };
  if (w.is_inline) {
    add("resource", w.resource);
  } else {
    add("path", w.path);
  }
  add("family", w.family);
  add("container", w.container);
  std::string text = "waiver for " + w.rule;
  if (!target.empty()) text += " (" + target + ")";
  if (!w.owner.empty()) text += " owned by " + w.owner;
  return text;
}

}  // namespace

bool waiver_matches(const Waiver& waiver, const Outcome& outcome) {
  if (outcome.status != Status::Fail && outcome.status != Status::Unknown) return false;
  if (outcome.rule == nullptr) return false;
  if (!glob_matches(waiver.rule, outcome.rule->id) &&
      !glob_matches(waiver.rule, outcome.rule->name)) {
    return false;
  }
  if (waiver.is_inline) {
    if (waiver.path != outcome.origin.file || waiver.resource != outcome.origin.resource)
      return false;
  } else if (!waiver.path.empty() && !glob_matches(without_dot_slash(waiver.path),
                                                   without_dot_slash(outcome.origin.file))) {
    return false;
  }
  return glob_matches(waiver.family, outcome.family) &&
         glob_matches(waiver.container, outcome.container);
}

WaiverBook::WaiverBook(std::vector<Waiver> waivers, std::string today) : today_(std::move(today)) {
  for (Waiver& w : waivers)
    add(std::move(w));
}

void WaiverBook::add(Waiver waiver) {
  Entry entry;
  // ISO dates compare as strings; `expires` is the last day the waiver applies.
  entry.expired = !waiver.expires.empty() && waiver.expires < today_;
  entry.waiver = std::move(waiver);
  entries_.push_back(std::move(entry));
}

void WaiverBook::apply(std::vector<Outcome>& outcomes) {
  for (Outcome& outcome : outcomes) {
    if (outcome.status != Status::Fail && outcome.status != Status::Unknown) continue;
    for (Entry& entry : entries_) {
      if (!waiver_matches(entry.waiver, outcome)) continue;
      ++entry.matched;
      if (entry.expired) continue;  // counted, so the notice can say what it no longer covers
      outcome.status = Status::Waived;
      outcome.waiver_owner = entry.waiver.owner;
      outcome.waiver_reason = entry.waiver.reason;
      outcome.waiver_expires = entry.waiver.expires;
      break;
    }
  }
}

std::vector<WaiverNotice> WaiverBook::notices() const {
  std::vector<WaiverNotice> result;
  for (const Entry& entry : entries_) {
    if (!entry.expired) continue;
    WaiverNotice notice{WaiverNotice::Kind::Expired, entry.waiver, entry.matched, {}};
    notice.message = fmt::format("{} expired on {}; it no longer applies", describe(entry.waiver),
                                 entry.waiver.expires);
    if (entry.matched > 0) {
      notice.message += fmt::format(" ({} outcome{} reported as found)", entry.matched,
                                    entry.matched == 1 ? " is" : "s are");
    }
    result.push_back(std::move(notice));
  }
  for (const Entry& entry : entries_) {
    if (entry.expired || entry.matched > 0) continue;
    WaiverNotice notice{WaiverNotice::Kind::Stale, entry.waiver, 0, {}};
    notice.message = describe(entry.waiver) +
                     " matched no failing outcome; the problem may be fixed: remove the waiver";
    result.push_back(std::move(notice));
  }
  return result;
}

std::string today_utc() {
  const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const std::chrono::year_month_day date{now};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

}  // namespace taskguard::waivers
