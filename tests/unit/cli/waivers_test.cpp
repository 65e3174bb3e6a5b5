#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include "interpreter/waivers/waiver_book.hpp"
#include "interpreter/waivers/waiver_file.hpp"
#include "report_fixtures.hpp"

using namespace taskguard;

namespace {

std::vector<Waiver> parse(const std::string& text) {
  return waivers::parse_waiver_list(YAML::Load(text), "waivers.yaml");
}

}  // namespace

TEST_SUITE("cli") {
  TEST_CASE("waiver file: fields, positions and required reason, owner and expiry") {
    auto list = parse(
        "- rule: TG-RUN-*\n  path: td/*.json\n  family: web-*\n  container: web\n"
        "  owner: platform\n  reason: accepted\n  expires: 2030-01-31\n");
    REQUIRE(list.size() == 1);
    CHECK(list[0].rule == "TG-RUN-*");
    CHECK(list[0].line == 1);
    CHECK(list[0].column == 3);
    CHECK_THROWS_WITH_AS(
        parse("- rule: X\n  owner: o\n  expires: 2030-01-01\n"),
        "waivers.yaml:1:3: a waiver needs a 'reason': say why the risk is accepted",
        waivers::WaiverError);
    CHECK_THROWS_WITH_AS(parse("- {rule: X, owner: o, reason: r, expires: 2030-02-30}\n"),
                         "waivers.yaml:1:3: 'expires' must be a date written YYYY-MM-DD, not "
                         "'2030-02-30'",
                         waivers::WaiverError);
    CHECK_THROWS_AS(parse("- {rule: X, owner: o, reason: r, expires: 2030-01-01, team: t}\n"),
                    waivers::WaiverError);
  }

  TEST_CASE("waiver book: active waivers waive, expired ones do not, unused ones are stale") {
    auto rule = testing::make_rule("TG-RUN-001", Severity::High);
    std::vector<Outcome> outcomes = {
        testing::make_outcome(rule, Status::Fail, "td/web.json", 7, 21),
        testing::make_outcome(rule, Status::Pass, "td/ok.json", 7, 21),
        testing::make_outcome(rule, Status::Fail, "other/x.json", 1, 1)};
    auto waivers = parse(
        "- {rule: TG-RUN-001, path: ./td/*, owner: a, reason: active, expires: 2030-01-01}\n"
        "- {rule: privileged-container, path: other/*, owner: b, reason: old, expires: "
        "2020-01-01}\n"
        "- {rule: TG-SEC-*, owner: c, reason: never used, expires: 2030-01-01}\n");
    waivers::WaiverBook book(waivers, "2026-11-29");
    book.apply(outcomes);
    CHECK(outcomes[0].status == Status::Waived);
    CHECK(outcomes[0].waiver_owner == "a");
    CHECK(outcomes[0].waiver_reason == "active");
    CHECK(outcomes[1].status == Status::Pass);
    CHECK(outcomes[2].status == Status::Fail);
    auto notices = book.notices();
    REQUIRE(notices.size() == 2);
    CHECK(notices[0].kind == WaiverNotice::Kind::Expired);
    CHECK(notices[0].matched == 1);
    CHECK(notices[0].message.find("expired on 2020-01-01") != std::string::npos);
    CHECK(notices[1].kind == WaiverNotice::Kind::Stale);
    CHECK(notices[1].waiver.rule == "TG-SEC-*");
  }

  TEST_CASE("waiver book: the expiry day itself still applies; targets must all match") {
    auto rule = testing::make_rule("TG-RUN-001", Severity::High);
    std::vector<Outcome> outcomes = {testing::make_outcome(rule, Status::Fail, "a.json", 1, 1)};
    waivers::WaiverBook book(
        parse("- {rule: TG-RUN-001, container: db, owner: a, reason: r, expires: 2026-11-29}\n"
              "- {rule: TG-RUN-001, family: web-*, owner: a, reason: r, expires: 2026-11-29}\n"),
        "2026-11-29");
    book.apply(outcomes);
    CHECK(outcomes[0].status == Status::Waived);
    auto notices = book.notices();
    REQUIRE(notices.size() == 1);  // the container waiver matched nothing
    CHECK(notices[0].waiver.container == "db");
  }

  TEST_CASE("inline waivers bind to their own resource only") {
    auto rule = testing::make_rule("TG-RUN-001", Severity::High);
    Outcome mine = testing::make_outcome(rule, Status::Fail, "stack.yaml", 9, 7);
    mine.origin.resource = "WebTask";
    Outcome other = mine;
    other.origin.resource = "BatchTask";
    Waiver w;
    w.rule = "TG-RUN-001";
    w.reason = "r";
    w.is_inline = true;
    w.path = "stack.yaml";
    w.resource = "WebTask";
    CHECK(waivers::waiver_matches(w, mine));
    CHECK_FALSE(waivers::waiver_matches(w, other));
  }

  TEST_CASE("dates") {
    CHECK(waivers::is_iso_date("2024-02-29"));
    CHECK_FALSE(waivers::is_iso_date("2023-02-29"));
    CHECK_FALSE(waivers::is_iso_date("2023-1-01"));
    CHECK(waivers::is_iso_date(waivers::today_utc()));
  }
}
