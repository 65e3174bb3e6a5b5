#include <doctest/doctest.h>

#include <sstream>

#include "cli/report/reporters.hpp"
#include "report_fixtures.hpp"

using namespace taskguard;

namespace {

std::string text_of(const report::Report& r, report::TextStyle style = {}) {
  std::ostringstream out;
  report::write_text(r, style, out);
  return out.str();
}

}  // namespace

TEST_SUITE("cli") {
  TEST_CASE("text report: a finding with position, severity, rule, snippet, caret and fix") {
    const std::string text = text_of(testing::sample_report());
    CHECK(text.find("td/web.json:7:21: critical TG-RUN-001: container 'web' runs privileged\n") !=
          std::string::npos);
    CHECK(text.find(" 7 |       \"privileged\": true,\n   |                     ^\n") !=
          std::string::npos);
    CHECK(text.find("  = fix: Remove `privileged` or set it to false.\n") != std::string::npos);
    CHECK(text.find("td/web.json:3:5: unknown (medium) TG-LOG-001: logDriver is <unknown>") !=
          std::string::npos);
    CHECK(text.find("= waived by platform-team until 2099-12-31: needs /dev/fuse until Q3") !=
          std::string::npos);
    CHECK(text.find("\x1b[") == std::string::npos);
  }

  TEST_CASE("text report: files sorted, passes only counted, summary line") {
    const std::string text = text_of(testing::sample_report());
    CHECK(text.find("td/batch.json") < text.find("td/web.json"));
    CHECK(text.find("pass") == text.rfind("passed"));  // no listed pass, only the summary word
    CHECK(text.find("2 task definitions in 2 files, 2 rules: 1 failed (1 critical), 1 unknown, 1 "
                    "waived, 1 passed, 0 not applicable\n") != std::string::npos);
  }

  TEST_CASE("text report: verbose lists passes; colour only when asked") {
    report::Report r = testing::sample_report();
    r.verbose = true;
    CHECK(text_of(r).find("td/batch.json:2:3: pass TG-LOG-001") != std::string::npos);
    const std::string colored = text_of(r, {.color = true});
    CHECK(colored.find("\x1b[1;31mcritical\x1b[0m") != std::string::npos);
    // Every painted piece of a finding's first line, each closed before the plain text after it.
    CHECK(colored.find("\x1b[1mtd/web.json:7:21\x1b[0m: \x1b[1;31mcritical\x1b[0m "
                       "\x1b[1mTG-RUN-001\x1b[0m: container 'web' runs privileged\n") !=
          std::string::npos);
    CHECK(colored.find("\x1b[1mtd/web.json:3:5\x1b[0m: \x1b[35munknown\x1b[0m "
                       "(\x1b[33mmedium\x1b[0m) \x1b[1mTG-LOG-001\x1b[0m: ") != std::string::npos);
    CHECK(colored.find("\x1b[32mpass\x1b[0m \x1b[1mTG-LOG-001\x1b[0m") != std::string::npos);
  }

  TEST_CASE("text report: quiet prints findings only and nothing at all when clean") {
    report::Report r = testing::sample_report();
    const std::string quiet = text_of(r, {.quiet = true});
    CHECK(quiet.find("= fix") == std::string::npos);
    CHECK(quiet.find("td/web.json:7:21: critical") != std::string::npos);
    r.outcomes.erase(r.outcomes.begin());  // drop the failure
    r.gate.unknown = report::UnknownPolicy::Ignore;
    CHECK(text_of(r, {.quiet = true}).find("failed") == std::string::npos);
  }

  TEST_CASE("text report: input errors and waiver notices name their place") {
    report::Report r = testing::sample_report();
    r.errors.push_back({"td/broken.json", {4, 2}, "expected ',' or '}'", true});
    WaiverNotice notice;
    notice.kind = WaiverNotice::Kind::Stale;
    notice.waiver.declared_in = "waivers.yaml";
    notice.waiver.line = 3;
    notice.waiver.column = 5;
    notice.message = "waiver for TG-SEC-001 matched no failing outcome";
    r.waiver_notices.push_back(notice);
    const std::string text = text_of(r);
    CHECK(text.find("td/broken.json:4:2: error: expected ',' or '}'\n") != std::string::npos);
    CHECK(
        text.find("waivers.yaml:3:5: warning: waiver for TG-SEC-001 matched no failing outcome") !=
        std::string::npos);
    CHECK(text.find("; 1 unreadable input; 1 warning\n") != std::string::npos);
  }

  TEST_CASE("text report: parts rendered ahead of their turn write what write_part writes") {
    auto privileged = testing::make_rule("TG-RUN-001", Severity::Critical);
    auto logging = testing::make_rule("TG-LOG-001", Severity::Medium, "logging-configured");
    auto part = [](std::vector<Outcome> outcomes) {
      report::Report r;
      r.outcomes = std::move(outcomes);
      return r;
    };
    // Files across parts: a and b, then nothing listed, then b again and c, then d.
    std::vector<report::Report> parts;
    parts.push_back(part({testing::make_outcome(privileged, Status::Fail, "a.json", 2, 3),
                          testing::make_outcome(logging, Status::Unknown, "b.json", 1, 1),
                          testing::make_outcome(logging, Status::Pass, "b.json", 4, 1)}));
    parts.push_back(part({testing::make_outcome(logging, Status::Pass, "b.json", 9, 1)}));
    parts.push_back(part({testing::make_outcome(privileged, Status::Fail, "c.json", 5, 5),
                          testing::make_outcome(privileged, Status::Fail, "b.json", 8, 2)}));
    parts.push_back(part({testing::make_outcome(logging, Status::Unknown, "d.json", 1, 1)}));
    for (const bool quiet : {false, true}) {
      for (const bool color : {false, true}) {
        CAPTURE(quiet);
        CAPTURE(color);
        const report::TextStyle style{color, quiet};
        std::ostringstream in_turn;
        std::ostringstream ahead;
        auto writer = report::text_streaming_reporter(style, in_turn);
        auto renderer = report::text_streaming_reporter(style, ahead);
        // Every part rendered before any is written: rendering reads nothing of the writer's.
        std::vector<report::RenderedPart> rendered;
        for (const report::Report& p : parts) {
          auto r = renderer->render(p);
          REQUIRE(r.has_value());
          rendered.push_back(std::move(*r));
        }
        report::OutcomeCounts counted;
        report::OutcomeCounts summed;
        for (std::size_t i = 0; i < parts.size(); ++i) {
          writer->write_part(parts[i]);
          renderer->write_rendered(rendered[i]);
          for (const Outcome& o : parts[i].outcomes)
            counted.add(o, parts[i].gate);
          summed.add(rendered[i].counts);
        }
        CHECK(ahead.str() == in_turn.str());
        CHECK_FALSE(rendered[1].lists_any);
        CHECK(rendered[2].first_file == "b.json");  // sorted by file within the part
        CHECK(rendered[2].last_file == "c.json");
        // Unless quiet, a blank line between files (three: a|b, b|c and c|d, the last two across
        // parts) and none between b's findings of parts one and three.
        std::size_t blank_lines = 0;
        for (std::size_t at = in_turn.str().find("\n\n"); at != std::string::npos;
             at = in_turn.str().find("\n\n", at + 1))
          ++blank_lines;
        CHECK(blank_lines == (quiet ? 0 : 3));
        for (std::size_t i = 0; i < std::size(counted.by_status); ++i)
          CHECK(summed.by_status[i] == counted.by_status[i]);
        CHECK(summed.failing == counted.failing);
        CHECK(summed.by_status[static_cast<int>(Status::Pass)] == 2);
      }
    }
  }

  TEST_CASE("exit code: gate severity, --fail-on never, --unknown fail, unreadable input") {
    report::Report r = testing::sample_report();
    CHECK(report::exit_code(r) == 1);
    r.gate.fail_on = std::nullopt;
    CHECK(report::exit_code(r) == 0);
    r.gate.fail_on = Severity::Critical;
    r.outcomes.erase(r.outcomes.begin());  // only the medium unknown is left failing-capable
    CHECK(report::exit_code(r) == 0);
    r.gate.fail_on = Severity::Medium;
    r.gate.unknown = report::UnknownPolicy::Fail;
    CHECK(report::exit_code(r) == 1);
    r.errors.push_back({"x.json", {}, "cannot read", true});
    CHECK(report::exit_code(r) == 3);
  }
}
