#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "cli/report/reporters.hpp"
#include "report_fixtures.hpp"

using namespace taskguard;

namespace {

std::string render(const report::Report& r, report::Format format) {
  std::ostringstream out;
  report::write_report(r, format, {}, out);
  return out.str();
}

// Each outcome's entry in the JSON report of `r`, in the order of r.outcomes (the report lists
// them in its own order: each is found by its file and line).
std::vector<nlohmann::json> listed_entries(const report::Report& r) {
  const auto j = nlohmann::json::parse(render(r, report::Format::Json));
  const nlohmann::json& outcomes = j["outcomes"];
  REQUIRE(outcomes.size() == r.outcomes.size());
  std::vector<nlohmann::json> entries;
  for (const Outcome& o : r.outcomes) {
    CAPTURE(o.location.line);
    const auto listed = std::find_if(outcomes.begin(), outcomes.end(), [&](const auto& entry) {
      return entry["file"] == report::file_of(o) && entry["line"] == o.location.line;
    });
    REQUIRE(listed != outcomes.end());
    entries.push_back(*listed);
  }
  return entries;
}

}  // namespace

TEST_SUITE("cli") {
  TEST_CASE("json report: documented fields, nulls for unknown positions, summary counts") {
    report::Report r = testing::sample_report();
    r.errors.push_back({"bad.json", {}, "cannot read", true});
    const auto j = nlohmann::json::parse(render(r, report::Format::Json));
    CHECK(j["tool"] == "taskguard");
    CHECK(j["version"] == "9.9.9");
    CHECK(j["schema_version"] == 1);
    REQUIRE(j["outcomes"].size() == 4);    // JSON lists every outcome it was given
    const auto& first = j["outcomes"][0];  // sorted: td/batch.json first
    CHECK(first["file"] == "td/batch.json");
    const auto& fail = j["outcomes"][3];
    CHECK(fail["rule"] == "TG-RUN-001");
    CHECK(fail["status"] == "fail");
    CHECK(fail["severity"] == "critical");
    CHECK(fail["line"] == 7);
    CHECK(fail["column"] == 21);
    CHECK(fail["pointer"] == "/containerDefinitions/0/privileged");
    CHECK(fail["family"] == "web-api");
    CHECK(fail["container"] == "web");
    CHECK(fail["owasp_nhi"] == nlohmann::json::array({"NHI5"}));
    CHECK(fail["nist_csf"].size() == 2);
    CHECK(fail["aws"][0] == "ECS.4");
    CHECK(fail["waiver"].is_null());
    CHECK(j["outcomes"][0]["waiver"].is_null());
    CHECK(j["outcomes"][1]["waiver"]["owner"] == "platform-team");
    CHECK(j["errors"][0]["line"].is_null());
    CHECK(j["summary"]["by_status"]["fail"] == 1);
    CHECK(j["summary"]["by_status"]["waived"] == 1);
    CHECK(j["summary"]["by_severity"]["critical"] == 1);
    CHECK(j["summary"]["exit_code"] == 3);
  }

  TEST_CASE("json report: any character at any offset of a string is escaped as dump() does") {
    // The plain-text test reads eight bytes at a time: put each kind of character that needs
    // escaping at every offset of strings that end inside and after a word.
    const std::vector<std::string> specials = {"\"",   "\\",       "\n",   std::string(1, '\0'),
                                               "\x1f", "\xc3\xa9", "\xff", "\x7f"};
    for (const std::string& special : specials) {
      for (std::size_t length = 1; length <= 19; ++length) {
        for (std::size_t at = 0; at < length; ++at) {
          CAPTURE(length);
          CAPTURE(at);
          std::string message(length, 'm');
          message.replace(at, 1, special);
          report::Report r = testing::sample_report();
          r.outcomes[3].message = message;
          const std::string text = render(r, report::Format::Json);
          CHECK(nlohmann::json::accept(text));
          const auto expected = nlohmann::json(message).dump(
              -1, ' ', false, nlohmann::json::error_handler_t::replace);
          CHECK(text.find("\"message\": " + expected + ",") != std::string::npos);
        }
      }
    }
  }

  TEST_CASE("json report: every ASCII character, alone and in runs, is escaped as dump() does") {
    // ASCII is escaped by the writer itself; anything else by nlohmann. Each character alone,
    // all of them in one string, and runs of them around plain text.
    std::vector<std::string> messages;
    std::string all;
    for (int c = 0; c < 0x80; ++c) {
      all += static_cast<char>(c);
      messages.emplace_back(1, static_cast<char>(c));
      messages.push_back("a\"" + std::string(2, static_cast<char>(c)) + "b\\");
    }
    messages.push_back(all);
    messages.push_back(all + "\xc3\xa9");  // not ASCII: the other path, the same result
    for (const std::string& message : messages) {
      CAPTURE(message);
      report::Report r = testing::sample_report();
      r.outcomes[3].message = message;
      const std::string text = render(r, report::Format::Json);
      const auto expected =
          nlohmann::json(message).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      CHECK(text.find("\"message\": " + expected + ",") != std::string::npos);
    }
  }

  TEST_CASE(
      "json report: a file, family or container that returns after another is written again") {
    // Members that repeat from outcome to outcome are rendered once and reused while their
    // value stays the same; each outcome must still show its own.
    report::Report r = testing::sample_report();
    REQUIRE(r.outcomes.size() == 4);
    const std::vector<std::string> families = {"a", "b\"quoted\"", "a", ""};
    const std::vector<std::string> containers = {"web", "web", "", "sidecar\n"};
    for (std::size_t i = 0; i < r.outcomes.size(); ++i) {
      r.outcomes[i].family = document::SharedText(families[i]);
      r.outcomes[i].container = containers[i];
      r.outcomes[i].origin.resource = i % 2 == 0 ? "TaskDef" : "";
      r.outcomes[i].origin.shape = i % 2 == 0 ? "cloudformation" : "api";
      r.outcomes[i].message = i == 0 ? r.outcomes[i].rule->title : "";  // both: the title
    }
    const std::vector<nlohmann::json> listed = listed_entries(r);
    for (std::size_t i = 0; i < listed.size(); ++i) {
      const Outcome& o = r.outcomes[i];
      CHECK(listed[i]["family"] == o.family.str());
      CHECK(listed[i]["container"] == o.container);
      CHECK(listed[i]["resource"] == o.origin.resource);
      CHECK(listed[i]["shape"] == o.origin.shape);
      CHECK(listed[i]["message"] == o.rule->title);
    }
  }

  TEST_CASE("json report: an outcome whose severity is not its rule's shows its own") {
    // Most outcomes are written with their rule's severity rendered ahead; an override, waived
    // or not, assumed or not, is written piece by piece, to the same effect.
    report::Report r = testing::sample_report();
    for (Outcome& o : r.outcomes) {
      o.severity = o.rule->severity == Severity::Low ? Severity::High : Severity::Low;
      o.assumed = o.status != Status::Pass;
    }
    const std::vector<nlohmann::json> listed = listed_entries(r);
    for (std::size_t i = 0; i < listed.size(); ++i) {
      const Outcome& o = r.outcomes[i];
      CHECK(listed[i]["severity"] == severity_name(o.severity));
      CHECK(listed[i]["status"] == status_name(o.status));
      CHECK(listed[i]["assumed"] == o.assumed);
      CHECK(listed[i]["title"] == o.rule->title);
      CHECK(listed[i]["waiver"].is_null() == (o.status != Status::Waived));
    }
  }

  TEST_CASE("json report: outcomes longer than the writer's first buffer are written whole") {
    // Each outcome is built in a scratch buffer of 4 KiB that grows on demand: a message and a
    // waiver reason far longer, escaped and not, in outcomes written one after the other.
    report::Report r = testing::sample_report();
    const std::string plain(20'000, 'p');
    const std::string quoted = std::string(9'000, 'q') + "\"\x01" + std::string(9'000, 'q');
    r.outcomes[0].message = plain;
    r.outcomes[1].message = quoted;
    REQUIRE(r.outcomes[2].status == Status::Waived);
    r.outcomes[2].waiver_reason = plain + plain;
    const std::vector<nlohmann::json> listed = listed_entries(r);
    for (std::size_t i = 0; i < listed.size(); ++i) {
      const Outcome& o = r.outcomes[i];
      CHECK(listed[i]["rule"] == o.rule->id);
      CHECK(listed[i]["message"] == (o.message.empty() ? o.rule->title : o.message));
      if (o.status == Status::Waived) CHECK(listed[i]["waiver"]["reason"] == plain + plain);
    }
  }

  TEST_CASE("json report: parts rendered ahead of their turn write what write_part writes") {
    auto privileged = testing::make_rule("TG-RUN-001", Severity::Critical);
    auto logging = testing::make_rule("TG-LOG-001", Severity::Medium, "logging-configured");
    auto custom = testing::make_rule("ACME-001", Severity::Low, "acme");  // not named up front
    report::Report header;
    header.version = "9.9.9";
    header.rules = {privileged, logging};
    auto part = [](std::vector<Outcome> outcomes, report::UnknownPolicy unknown) {
      report::Report r;
      r.gate.unknown = unknown;
      r.outcomes = std::move(outcomes);
      return r;
    };
    for (const report::UnknownPolicy unknown :
         {report::UnknownPolicy::Warn, report::UnknownPolicy::Ignore}) {
      CAPTURE(static_cast<int>(unknown));
      // The first part lists nothing under --unknown ignore: the first outcome written is then
      // the second part's, which has no comma before it.
      std::vector<report::Report> parts;
      parts.push_back(
          part({testing::make_outcome(logging, Status::Unknown, "a.json", 1, 1)}, unknown));
      parts.push_back(part({testing::make_outcome(privileged, Status::Fail, "b.json", 2, 3),
                            testing::make_outcome(custom, Status::Fail, "b.json", 1, 1),
                            testing::make_outcome(logging, Status::Pass, "b.json", 4, 1)},
                           unknown));
      parts.push_back(part({}, unknown));
      parts.push_back(part({testing::make_outcome(custom, Status::Pass, "c.json", 5, 5)}, unknown));
      std::ostringstream in_turn;
      std::ostringstream mixed;
      auto writer = report::json_streaming_reporter(header, in_turn);
      auto renderer = report::json_streaming_reporter(header, mixed);
      CHECK(renderer->numbers_task_definitions());
      // Parts 0, 1 and 3 rendered before any is written; part 2 written in its turn between them.
      std::vector<std::optional<report::RenderedPart>> rendered;
      for (std::size_t i = 0; i < parts.size(); ++i)
        rendered.push_back(i == 2 ? std::nullopt : renderer->render(parts[i]));
      report::Report whole = header;
      for (std::size_t i = 0; i < parts.size(); ++i) {
        writer->write_part(parts[i]);
        if (rendered[i]) {
          renderer->write_rendered(*rendered[i]);
          whole.written.add(rendered[i]->counts);
        } else {
          renderer->write_part(parts[i]);
          for (const Outcome& o : parts[i].outcomes)
            whole.written.add(o, parts[i].gate);
        }
      }
      whole.gate.unknown = unknown;
      writer->finish(whole);
      renderer->finish(whole);
      CHECK(mixed.str() == in_turn.str());
      CHECK(rendered[0]->lists_any == (unknown != report::UnknownPolicy::Ignore));
      const auto j = nlohmann::json::parse(mixed.str());
      CHECK(j["outcomes"].size() == (unknown == report::UnknownPolicy::Ignore ? 4 : 5));
      CHECK(j["summary"]["by_status"]["fail"] == 2);
      // A rule not named up front is rendered where it is met, the same way.
      CHECK(std::count_if(j["outcomes"].begin(), j["outcomes"].end(), [](const auto& o) {
              return o["rule"] == "ACME-001" && o["name"] == "acme";
            }) == 2);
    }
    std::ostringstream text;
    CHECK_FALSE(report::text_streaming_reporter({}, text)->numbers_task_definitions());
  }

  TEST_CASE("sarif report: rules with help and tags, results with regions, waived as suppressed") {
    const auto j = nlohmann::json::parse(render(testing::sample_report(), report::Format::Sarif));
    CHECK(j["version"] == "2.1.0");
    const auto& run = j["runs"][0];
    const auto& rules = run["tool"]["driver"]["rules"];
    REQUIRE(rules.size() == 2);
    CHECK(rules[0]["id"] == "TG-RUN-001");
    CHECK(rules[0]["help"]["text"] == "Remove `privileged` or set it to false.");
    CHECK(rules[0]["properties"]["tags"].dump().find("owasp-nhi/NHI5") != std::string::npos);
    CHECK(rules[0]["properties"]["security-severity"] == "9.5");
    const auto& results = run["results"];
    REQUIRE(results.size() == 3);  // the pass is not listed
    const auto& waived = results[0];
    CHECK(waived["suppressions"][0]["kind"] == "external");
    CHECK(waived["suppressions"][0]["justification"] == "needs /dev/fuse until Q3");
    const auto& fail = results[2];
    CHECK(fail["level"] == "error");
    CHECK(fail["ruleIndex"] == 0);
    CHECK(fail["locations"][0]["physicalLocation"]["region"]["startLine"] == 7);
    CHECK(fail["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "td/web.json");
    const auto& unknown = results[1];
    CHECK(unknown["level"] == "note");
    CHECK(unknown["properties"]["status"] == "unknown");
  }

  TEST_CASE("junit report: one testcase per rule and task definition, failures with messages") {
    report::Report r = testing::sample_report();
    const std::string xml = render(r, report::Format::Junit);
    CHECK(xml.find("<testsuites name=\"taskguard\" tests=\"4\" failures=\"1\" errors=\"0\" "
                   "skipped=\"2\">") != std::string::npos);
    CHECK(xml.find("<failure message=\"container &apos;web&apos; runs privileged\" "
                   "type=\"critical\">") != std::string::npos);
    CHECK(xml.find("<skipped message=\"waived: needs /dev/fuse until Q3\"/>") != std::string::npos);
    CHECK(xml.find("<skipped message=\"unknown: logDriver is &lt;unknown&gt;\"/>") !=
          std::string::npos);
    r.gate.unknown = report::UnknownPolicy::Fail;
    CHECK(render(r, report::Format::Junit).find("failures=\"2\"") != std::string::npos);
  }

  TEST_CASE("github report: annotations with escaped properties and data") {
    report::Report r = testing::sample_report();
    r.outcomes[0].message = "100% bad,\nreally: yes";
    r.outcomes[0].location.file = "td/a,b:c.json";
    const std::string text = render(r, report::Format::Github);
    CHECK(text.find("::error file=td/a%2Cb%3Ac.json,line=7,col=21,title=TG-RUN-001 Containers do "
                    "not run privileged::[critical] 100%25 bad,%0Areally: yes%0AFix: Remove") !=
          std::string::npos);
    CHECK(text.find("::warning file=td/web.json,line=3,col=5,title=TG-LOG-001 Containers do not "
                    "run privileged (unknown)::") != std::string::npos);
    CHECK(text.find("td/batch.json,line=4") == std::string::npos);  // waived: no annotation
  }
}
