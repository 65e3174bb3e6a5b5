#include <doctest/doctest.h>

#include "cli/config/config_file.hpp"

using namespace taskguard;

TEST_SUITE("cli") {
  TEST_CASE("config: every key is read; relative paths resolve against the file's folder") {
    auto s = config::parse_config(
        "paths: [services]\npolicy: rules/\nbundle: pack.tgb\nno-default-pack: true\n"
        "only: [TG-SEC-*]\nskip: TG-SEC-002\nmin-severity: medium\n"
        "param: {allowed_registries: [a.example, b.example], max: 3, name: \"true\"}\n"
        "fail-on: high\nunknown: fail\nformat: sarif\noutput: out.sarif\njobs: 4\n"
        "no-color: true\nquiet: false\nverbose: true\nwaivers: waivers.yaml\n",
        "repo/.taskguard.yaml", "repo");
    CHECK(*s.paths == std::vector<std::string>{"repo/services"});
    CHECK(*s.policies == std::vector<std::string>{"repo/rules/"});
    CHECK(*s.bundle == "repo/pack.tgb");
    CHECK(*s.no_default_pack);
    CHECK(*s.skip == std::vector<std::string>{"TG-SEC-002"});
    CHECK(s.params["allowed_registries"] == nlohmann::json::array({"a.example", "b.example"}));
    CHECK(s.params["max"] == 3.0);
    CHECK(s.params["name"] == "true");
    CHECK(*s.fail_on == "high");
    CHECK(*s.jobs == 4);
    CHECK(*s.output == "repo/out.sarif");
    CHECK(*s.waivers_file == "repo/waivers.yaml");
    CHECK_FALSE(*s.quiet);
  }

  TEST_CASE("config: unknown keys and bad values are errors with a place and a suggestion") {
    CHECK_THROWS_WITH_AS(config::parse_config("format: json\nfial-on: high\n", "c.yaml", "."),
                         "c.yaml:2:1: unknown setting 'fial-on'; did you mean `fail-on`?",
                         config::ConfigError);
    CHECK_THROWS_WITH_AS(config::parse_config("format: sarf\n", "c.yaml", "."),
                         "c.yaml:1:9: 'format' cannot be 'sarf': expected one of text, json, "
                         "sarif, junit, github; did you mean `sarif`?",
                         config::ConfigError);
    CHECK_THROWS_AS(config::parse_config("jobs: many\n", "c.yaml", "."), config::ConfigError);
    CHECK_THROWS_AS(config::parse_config("quiet: maybe\n", "c.yaml", "."), config::ConfigError);
  }

  TEST_CASE("config: inline waivers; flags override the file") {
    auto file = config::parse_config(
        "format: json\nparam: {a: 1}\nwaivers:\n  - {rule: TG-X-001, owner: o, reason: r, "
        "expires: 2030-01-01}\n",
        "c.yaml", ".");
    REQUIRE(file.waivers.size() == 1);
    config::CheckSettings flags;
    flags.format = "text";
    flags.params["a"] = 2;
    auto merged = config::merge(file, flags);
    CHECK(*merged.format == "text");
    CHECK(merged.params["a"] == 2);
    CHECK(merged.waivers.size() == 1);
    CHECK_FALSE(merged.quiet.has_value());
  }
}
