// End-to-end tests of `taskguard check`: the built binary, real files, every flag, format and
// exit code. Rules come from tests/fixtures/cli/policies so the goldens never churn with the pack.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <vector>

#include "cli_runner.hpp"

using taskguard::e2e::golden_mismatch;
using taskguard::e2e::read_file;
using taskguard::e2e::Run;
using taskguard::e2e::run_cli;

namespace {

const std::string kRules = "--no-default-pack --policy tests/fixtures/cli/policies ";

// Reports carry the tool version; goldens should not change with it.
std::string without_version(std::string text) {
  return std::regex_replace(text, std::regex(R"re("(version|semanticVersion)": "[^"]*")re"),
                            "\"$1\": \"<version>\"");
}

nlohmann::json json_of(const Run& run) {
  auto j = nlohmann::json::parse(run.out, nullptr, false);
  REQUIRE_MESSAGE(!j.is_discarded(), (run.out + run.err));
  return j;
}

int count_status(const nlohmann::json& report, const std::string& status) {
  int n = 0;
  for (const auto& o : report["outcomes"])
    n += o["status"] == status;
  return n;
}

}  // namespace

TEST_SUITE("e2e") {
  TEST_CASE("every format of one run matches its reviewed golden file") {
    for (const std::string format : {"text", "json", "sarif", "junit", "github"}) {
      CAPTURE(format);
      const Run run = run_cli("check " + kRules + "examples/api --format " + format);
      CHECK_MESSAGE(run.exit_code == 1, run.err);
      const std::string extension = format == "text" || format == "github" ? "txt" : format;
      CHECK_MESSAGE(
          golden_mismatch("examples." + format + "." + extension, without_version(run.out)) == "",
          golden_mismatch("examples." + format + "." + extension, without_version(run.out)));
    }
  }

  TEST_CASE("exit 0: a clean task definition, with a list parameter given as NAME=a,b") {
    const Run run =
        run_cli("check " + kRules + "examples/api/clean-web-service.json " +
                "--param allowed_registries=123456789012.dkr.ecr.eu-west-1.amazonaws.com/,x/");
    CHECK_MESSAGE(run.exit_code == 0, (run.out + run.err));
    CHECK(run.out.find("0 failed") != std::string::npos);
    // The default value of the parameter does not allow this registry.
    CHECK(run_cli("check " + kRules + "examples/api/clean-web-service.json").exit_code == 1);
    // JSON lists work too.
    CHECK(run_cli("check " + kRules + "examples/api/clean-web-service.json --param " +
                  "'allowed_registries=[\"123456789012.dkr.ecr.eu-west-1.amazonaws.com/\"]'")
              .exit_code == 0);
  }

  TEST_CASE("--fail-on decides which severities fail the run") {
    const std::string input = "examples/api/no-logging.json --only TGT-LOG-001 ";  // medium
    CHECK(run_cli("check " + kRules + input).exit_code == 1);
    CHECK(run_cli("check " + kRules + input + "--fail-on medium").exit_code == 1);
    CHECK(run_cli("check " + kRules + input + "--fail-on high").exit_code == 0);
    CHECK(run_cli("check " + kRules + "examples/api --fail-on never").exit_code == 0);
  }

  TEST_CASE("--unknown: warn reports, fail fails, ignore hides") {
    const std::string input = "tests/fixtures/cli/inputs/unknown-network.yaml --only TGT-NET-001 ";
    const Run warn = run_cli("check " + kRules + input + "--format json");
    CHECK(warn.exit_code == 0);
    CHECK(count_status(json_of(warn), "unknown") == 1);
    CHECK(run_cli("check " + kRules + input + "--unknown fail").exit_code == 1);
    const Run ignore = run_cli("check " + kRules + input + "--unknown ignore --format json");
    CHECK(ignore.exit_code == 0);
    CHECK(count_status(json_of(ignore), "unknown") == 0);
    CHECK(json_of(ignore)["summary"]["by_status"]["unknown"] == 1);  // still counted
  }

  TEST_CASE("exit 3: an unreadable input; every other input is still checked") {
    const Run run = run_cli("check " + kRules +
                            "does-not-exist.json tests/fixtures/cli/inputs/broken.json "
                            "examples/api/privileged-container.json --format json");
    CHECK(run.exit_code == 3);
    const auto j = json_of(run);
    CHECK(j["errors"].size() >= 2);
    CHECK(j["outcomes"].dump().find("TGT-RUN-001") != std::string::npos);
    CHECK(j["errors"].dump().find("broken.json") != std::string::npos);
    const Run text = run_cli("check " + kRules + "tests/fixtures/cli/inputs/broken.json");
    CHECK(text.exit_code == 3);
    CHECK(text.out.find("tests/fixtures/cli/inputs/broken.json:4:") != std::string::npos);
  }

  TEST_CASE("exit 2: usage errors and policy errors (every diagnostic is printed)") {
    const Run broken = run_cli(
        "check --no-default-pack --policy tests/fixtures/cli/broken "
        "examples/api");
    CHECK(broken.exit_code == 2);
    CHECK(broken.err.find("two_errors.tg:8:") != std::string::npos);
    CHECK(broken.err.find("two_errors.tg:15:") != std::string::npos);
    CHECK(run_cli("check " + kRules + "examples/api --format yaml").exit_code == 2);
    CHECK(run_cli("check " + kRules + "examples/api --no-such-flag").exit_code == 2);
    CHECK(run_cli("check " + kRules).exit_code == 2);  // nothing to check
    const Run param = run_cli("check " + kRules + "examples/api --param allowed_registry=x");
    CHECK(param.exit_code == 2);
    CHECK(param.err.find("did you mean `allowed_registries`?") != std::string::npos);
    CHECK(run_cli("check --no-default-pack examples/api").exit_code == 2);  // no rules at all
    CHECK(run_cli("check " + kRules + "examples/api --waivers missing.yaml").exit_code == 2);
  }

  TEST_CASE("configuration file: found by walking up, flags override it, typos are errors") {
    const std::string dir = std::string(TASKGUARD_SOURCE_DIR) + "/tests/fixtures/cli/config";
    const Run from_file = run_cli("check", dir);
    CHECK_MESSAGE(from_file.exit_code == 1, from_file.err);
    const auto j = json_of(from_file);                     // format: json comes from the file
    CHECK(j["summary"]["rules"] == 1);                     // only: [TGT-RUN-*]
    const Run walked_up = run_cli("check", dir + "/sub");  // paths stay relative to the file
    CHECK(walked_up.exit_code == 1);
    CHECK(json_of(walked_up)["summary"] == j["summary"]);
    const Run overridden = run_cli("check --format text --fail-on never", dir);
    CHECK(overridden.exit_code == 0);
    CHECK(overridden.out.find("critical TGT-RUN-001") != std::string::npos);
    const Run typo = run_cli("check --config tests/fixtures/cli/config/typo.yaml examples/api");
    CHECK(typo.exit_code == 2);
    CHECK(typo.err.find("typo.yaml:2:1: unknown setting 'fial-on'; did you mean `fail-on`?") !=
          std::string::npos);
  }

  TEST_CASE("waiver file: active waivers waive, expired and stale ones are reported") {
    const std::string args =
        "check " + kRules + "examples/api --waivers tests/fixtures/cli/waivers.yaml ";
    const Run text = run_cli(args);
    CHECK(text.exit_code == 1);
    CHECK(golden_mismatch("waivers.txt", text.out) == "");
    const auto j = json_of(run_cli(args + "--format json"));
    int waived = 0;
    for (const auto& o : j["outcomes"]) {
      if (o["status"] != "waived") continue;
      ++waived;
      CHECK(o["rule"] == "TGT-SEC-001");
      CHECK(o["waiver"]["owner"] == "reporting-team");
    }
    CHECK(waived == 2);
    REQUIRE(j["waivers"].size() == 2);
    CHECK(j["waivers"][0]["kind"] == "expired");
    CHECK(j["waivers"][0]["matched"] == 1);
    CHECK(j["waivers"][1]["kind"] == "stale");
    CHECK(j["waivers"][1]["rule"] == "TGT-NET-*");
  }

  TEST_CASE("inline CloudFormation waivers apply to their resource only; reason is required") {
    const Run run =
        run_cli("check " + kRules + "tests/fixtures/cli/inputs/inline-waivers.yaml --format json");
    const auto j = json_of(run);
    int waived = 0, failed_privileged = 0;
    for (const auto& o : j["outcomes"]) {
      if (o["rule"] != "TGT-RUN-001") continue;
      if (o["status"] == "waived") {
        ++waived;
        CHECK(o["container"] == "agent");
        CHECK(o["waiver"]["owner"] == "ci-team");
      }
      if (o["status"] == "fail") failed_privileged += o["container"] == "cache";
    }
    CHECK(waived == 1);
    CHECK(failed_privileged == 1);
    CHECK(j["waivers"].dump().find("TGT-NET-001") != std::string::npos);  // stale
    CHECK(j["errors"].dump().find("needs a 'reason'") != std::string::npos);
    CHECK(golden_mismatch(
              "inline-waivers.txt",
              run_cli("check " + kRules + "tests/fixtures/cli/inputs/inline-waivers.yaml").out) ==
          "");
  }

  TEST_CASE("a streamed report equals the report written at the end, waivers met midway") {
    // Named in order, the files are reported part by part as they are checked, each part
    // rendered by the thread that checked it until a part brings an inline waiver; named out of
    // order, the report is written whole at the end. Both must say the same. The stream comes
    // first and in several parts: a JSON report numbers its task definitions within their
    // file, so only its first part is rendered ahead.
    const std::string dir = taskguard::e2e::scratch_dir();
    const std::string stream = dir + "/0.ndjson";
    std::string lines;
    for (int i = 0; i < 300; ++i) {
      lines += "{\"family\": \"s" + std::to_string(i) +
               "\", \"containerDefinitions\": [{\"name\": \"c\", \"image\": \"nginx:1\", "
               "\"privileged\": " +
               (i % 7 == 0 ? "true" : "false") + "}]}\n";
    }
    std::ofstream(stream, std::ios::binary) << lines;
    const std::string a = dir + "/a.json";
    const std::string b = dir + "/b.yaml";
    const std::string c = dir + "/c.json";
    const std::string source = TASKGUARD_SOURCE_DIR;
    std::filesystem::copy_file(source + "/examples/api/privileged-container.json", a);
    std::filesystem::copy_file(source + "/tests/fixtures/cli/inputs/inline-waivers.yaml", b);
    std::filesystem::copy_file(source + "/examples/api/host-network-root.json", c);
    for (const std::string flags : {"", "--quiet", "--verbose", "--format json"}) {
      for (const std::string jobs : {"-j 1", "-j 2", "-j 3"}) {
        CAPTURE(flags);
        CAPTURE(jobs);
        const Run streamed = run_cli("check " + kRules + stream + " " + a + " " + b + " " + c +
                                     " " + flags + " " + jobs);
        const Run whole = run_cli("check " + kRules + c + " " + b + " " + a + " " + stream + " " +
                                  flags + " " + jobs);
        CHECK(streamed.exit_code == 1);
        CHECK(streamed.out == whole.out);
        CHECK(streamed.out.find("waived") != std::string::npos);
        if (flags == "--format json")
          CHECK(streamed.out.find("\"index\": 299,") != std::string::npos);
      }
    }
  }

  TEST_CASE("--only, --skip (ids and names, globs) and --min-severity select rules") {
    auto rules = [&](const std::string& extra) {
      return json_of(run_cli("check " + kRules + "examples/api --format json " +
                             extra))["summary"]["rules"]
          .get<int>();
    };
    CHECK(rules("") == 5);
    CHECK(rules("--only 'TGT-RUN-*' --only logging-configured") == 2);
    CHECK(rules("--skip 'TGT-*-001'") == 0);
    CHECK(rules("--skip privileged-container") == 4);
    CHECK(rules("--min-severity high") == 3);
    // Mappings select too: every rule about NHI2, every PR.* subcategory, an AWS control.
    CHECK(rules("--only NHI2") == 1);
    CHECK(rules("--only 'PR.*'") == 2);
    CHECK(rules("--only ECS.4 --only DE.CM-01") == 2);
    CHECK(rules("--skip 'NHI*'") == 3);
  }

  TEST_CASE("an --only that selects no rule is a usage error, not a silent pass") {
    const Run typo = run_cli("check " + kRules + "examples/api --only TGT-RUN-01 --only nothing");
    CHECK(typo.exit_code == 2);
    CHECK(typo.out.empty());
    CHECK(typo.err.find("--only 'TGT-RUN-01' matches no rule id, name or mapping; did you mean "
                        "`TGT-RUN-001`?") != std::string::npos);
    CHECK(typo.err.find("--only 'nothing' matches no rule") != std::string::npos);
    // A --skip that matches nothing still runs every rule, with a warning.
    const Run skip = run_cli("check " + kRules + "examples/api --skip TGT-NOPE --format json");
    CHECK(skip.exit_code == 1);
    CHECK(json_of(skip)["summary"]["rules"] == 5);
    CHECK(skip.err.find("warning: --skip 'TGT-NOPE' matches no rule") != std::string::npos);
  }

  TEST_CASE("--output writes the report to a file; - reads standard input; -j is deterministic") {
    const std::string out = taskguard::e2e::scratch_dir() + "/report.sarif";
    const Run run = run_cli("check " + kRules + "examples/api --format sarif -o " + out);
    CHECK(run.exit_code == 1);
    CHECK(run.out.empty());
    CHECK(nlohmann::json::parse(read_file(out))["version"] == "2.1.0");
    const Run stdin_run = run_cli("check " + kRules + "- < examples/api/privileged-container.json");
    CHECK(stdin_run.exit_code == 1);
    CHECK(stdin_run.out.find("-:") != std::string::npos);
    CHECK(run_cli("check " + kRules + "examples -j 1").out ==
          run_cli("check " + kRules + "examples -j 2").out);
  }

  TEST_CASE("--quiet, --verbose and colours") {
    const Run quiet = run_cli("check " + kRules + "examples/api --quiet");
    CHECK(quiet.out.find("= fix") == std::string::npos);
    CHECK(quiet.out.find("critical TGT-RUN-001") != std::string::npos);
    const Run verbose = run_cli("check " + kRules + "examples/api --verbose");
    CHECK(verbose.out.find(" pass TGT-") != std::string::npos);
    // Not a terminal: never colour, whatever the flags.
    CHECK(run_cli("check " + kRules + "examples/api").out.find("\x1b[") == std::string::npos);
    CHECK(run_cli("check " + kRules + "examples/api --no-color", TASKGUARD_SOURCE_DIR, "NO_COLOR=1")
              .out.find("\x1b[") == std::string::npos);
  }

  TEST_CASE("secrets of @sensitive rules are masked in snippets") {
    const Run run = run_cli("check " + kRules + "examples/api/plaintext-aws-keys.json");
    CHECK(run.out.find("AKIAIOSFODNN7EXAMPLE") == std::string::npos);
    CHECK(run.out.find("wJalrXUtnFEMI") == std::string::npos);
    CHECK(run.out.find("\"value\": \"********************\"") != std::string::npos);
  }

  TEST_CASE("a snippet of a long line (NDJSON) quotes a window around the caret") {
    // One document on one 967-byte line: each finding quotes at most 160 bytes of it, with an
    // ellipsis where the line was cut, and the caret still under the value it names.
    const Run run =
        run_cli("check " + kRules + "tests/fixtures/cli/inputs/long-line.ndjson --fail-on never");
    CHECK_MESSAGE(run.exit_code == 0, run.err);
    std::istringstream lines(run.out);
    std::vector<std::string> all;
    for (std::string line; std::getline(lines, line);)
      all.push_back(line);
    std::map<std::string, std::string> under_caret;  // rule id → the quoted text from the caret
    for (std::size_t i = 0; i + 2 < all.size(); ++i) {
      const auto id = std::regex_search(all[i], std::regex(R"(:1:\d+: \w+ (TGT-[A-Z]+-\d+):)"));
      if (!id) continue;
      std::smatch m;
      std::regex_search(all[i], m, std::regex(R"((TGT-[A-Z]+-\d+))"));
      const std::string& quoted = all[i + 1];
      const std::string& caret = all[i + 2];
      REQUIRE(quoted.rfind(" 1 | ", 0) == 0);
      const std::string shown = quoted.substr(5);
      CHECK(shown.size() <= 3 + 160 + 3);
      const std::size_t at = caret.find('^');
      REQUIRE(at != std::string::npos);
      REQUIRE(at < quoted.size());
      under_caret[m[1]] = quoted.substr(at);
    }
    REQUIRE(under_caret.size() == 3);
    CHECK(under_caret["TGT-IMG-001"].rfind("\"quay.io/team/app:1.0\"", 0) == 0);
    CHECK(under_caret["TGT-RUN-001"].rfind("true}]}", 0) == 0);
    CHECK(under_caret["TGT-LOG-001"].rfind("{\"name\":\"app\"", 0) == 0);
    // The whole line is never quoted.
    CHECK(run.out.find("SETTING_0\",\"value\":\"value-0\"},{\"name\":\"SETTING_19") ==
          std::string::npos);
  }

  TEST_CASE("a stream whose only line is too long says so, and not that it is empty") {
    const Run run = run_cli("check " + kRules +
                            "tests/fixtures/cli/inputs/long-line.ndjson --limit "
                            "ndjson-line-bytes=100 --no-color");
    CHECK(run.exit_code == 3);
    CHECK(run.out.find("long-line.ndjson:1:1: error: a line of 967 bytes (limit "
                       "ndjson-line-bytes=100") != std::string::npos);
    CHECK(run.out.find("no content") == std::string::npos);
    CHECK(run.out.find("1 unreadable input") != std::string::npos);
  }

  TEST_CASE("SARIF validates against the official 2.1.0 schema; JUnit parses as JUnit") {
    const std::string dir = taskguard::e2e::scratch_dir();
    const std::string inputs =
        "examples tests/fixtures/cli/inputs --waivers tests/fixtures/cli/waivers.yaml ";
    run_cli("check " + kRules + inputs + "--format sarif -o " + dir + "/r.sarif");
    run_cli("check " + kRules + inputs + "--verbose --format sarif -o " + dir + "/v.sarif");
    for (const std::string file : {"/r.sarif", "/v.sarif"}) {
      const Run sarif = taskguard::e2e::shell("bash tests/e2e/validate_sarif.sh " + dir + file);
      if (sarif.exit_code == 77) {
        MESSAGE("SKIPPED: SARIF schema validation: " << sarif.err);
      } else {
        CHECK_MESSAGE(sarif.exit_code == 0, (sarif.out + sarif.err));
      }
    }
    run_cli("check " + kRules + inputs + "--format junit -o " + dir + "/r.xml");
    const Run junit =
        taskguard::e2e::shell("python3 tests/e2e/validate_junit.py " + dir + "/r.xml");
    CHECK_MESSAGE(junit.exit_code == 0, (junit.out + junit.err));
  }
}

TEST_SUITE("e2e") {
  TEST_CASE("a user policy imports the shipped pack's packages; the pack's rules run once") {
    const Run run = run_cli(
        "check --policy tests/fixtures/cli/importing examples/api/host-network-root.json "
        "--format json --fail-on never");
    CHECK_MESSAGE(run.exit_code == 0, run.err);
    const auto report = json_of(run);
    std::map<std::string, int> per_rule;
    for (const auto& o : report["outcomes"])
      per_rule[o["rule"].get<std::string>()] += 1;
    CHECK(per_rule.count("ACME-001") == 1);
    // A pack rule appears as often as with the pack alone: not doubled by the import.
    const auto pack_only =
        json_of(run_cli("check examples/api/host-network-root.json --format json --fail-on never"));
    int expected = 0;
    for (const auto& o : pack_only["outcomes"])
      expected += o["rule"] == "TG-RUN-011";
    CHECK(expected > 0);
    CHECK(per_rule["TG-RUN-011"] == expected);
    // Without the pack there is nothing to import from the command line's point of view, but
    // the binary still carries the sources: the import resolves.
    const Run alone = run_cli(
        "check --no-default-pack --policy tests/fixtures/cli/importing "
        "examples/api/host-network-root.json --format json --fail-on never");
    CHECK_MESSAGE(alone.exit_code == 0, alone.err);
    CHECK(json_of(alone)["summary"]["rules"] == 1);
  }

  TEST_CASE("a regular .ndjson file, read by ranges, reports what the same bytes do as a stream") {
    // The same name in two folders: a regular file (read by byte ranges on the workers) and a
    // FIFO (read as a stream by the cutting thread); the reports must be byte for byte equal.
    const std::string dir = taskguard::e2e::scratch_dir();
    std::filesystem::create_directories(dir + "/file");
    std::filesystem::create_directories(dir + "/fifo");
    std::string bytes = "\xEF\xBB\xBF";
    for (int i = 0; i < 400; ++i) {
      if (i % 37 == 0) bytes += "\n";  // blank
      if (i % 53 == 0) bytes += "{\"family\": broken\n";
      std::string pad(i % 41 == 0 ? 5000 : (i * 7919) % 900, 'p');
      bytes += "{\"family\": \"f" + std::to_string(i) +
               "\", \"containerDefinitions\": [{\"name\": \"c\", \"image\": \"nginx:1." + pad +
               "\", \"privileged\": " + (i % 5 == 0 ? "true" : "false") + "}]}" +
               (i % 11 == 0 ? "\r\n" : "\n");
    }
    bytes += "{\"family\": \"last\", \"containerDefinitions\": []}";  // no final newline
    std::ofstream(dir + "/file/s.ndjson", std::ios::binary) << bytes;
    const std::string binary = std::string("'") + TASKGUARD_BINARY + "'";
    for (const std::string args :
         {"--format json -j 1", "--format text --no-color -j 3",
          "--format json -j 2 --limit ndjson-line-bytes=3000", "--quiet --no-color -j 2"}) {
      CAPTURE(args);
      const Run file = taskguard::e2e::shell(binary + " check s.ndjson " + args, dir + "/file");
      const Run fifo = taskguard::e2e::shell(
          "rm -f s.ndjson && mkfifo s.ndjson && (cat ../file/s.ndjson > s.ndjson &) && " + binary +
              " check s.ndjson " + args,
          dir + "/fifo");
      CHECK(file.exit_code == 3);  // the broken lines are unreadable inputs
      CHECK(file.exit_code == fifo.exit_code);
      CHECK(file.err == fifo.err);
      CHECK(file.out == fifo.out);
      CHECK(file.out.find("f399") != std::string::npos);  // the last line but one was read
      CHECK(file.out.find("TG-RUN-001") != std::string::npos);
    }
    std::filesystem::remove_all(dir);
  }
}
