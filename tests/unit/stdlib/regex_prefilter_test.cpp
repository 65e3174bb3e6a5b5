#include <doctest/doctest.h>
#include <re2/re2.h>

#include <string>
#include <vector>

#include "stdlib/text/literal_prefilter.hpp"
#include "stdlib/text/regex.hpp"
#include "stdlib/text/regex_alternatives.hpp"

using namespace taskguard::text;

TEST_SUITE("stdlib") {
  TEST_CASE("literal prefilter: admits ASCII text only when a literal occurs, in any case") {
    const LiteralPrefilter filter({"{{resolve:", "://"});
    CHECK_FALSE(filter.admits_everything());
    CHECK(filter.may_match("{{resolve:secretsmanager:db}}"));
    CHECK(filter.may_match("x{{RESOLVE:"));  // at the very end
    CHECK(filter.may_match("https://example.com"));
    CHECK_FALSE(filter.may_match("{{resolve"));
    CHECK_FALSE(filter.may_match("production"));
    CHECK_FALSE(filter.may_match(":/"));
    CHECK_FALSE(filter.may_match("x"));
    CHECK_FALSE(filter.may_match(""));
  }

  TEST_CASE("literal prefilter: text shorter than every literal is refused only if ASCII") {
    const LiteralPrefilter filter({"{{resolve:", "abcdefgh"});
    CHECK_FALSE(filter.may_match("abcdefg"));  // one byte short of the shortest literal
    CHECK(filter.may_match("abcdefgh"));
    CHECK(filter.may_match("ABCDEFGH"));
    CHECK(filter.may_match("\xE2\x84\xAA"));  // short, but not ASCII: RE2 decides
  }

  TEST_CASE("literal prefilter: text with a byte past ASCII is always admitted") {
    const LiteralPrefilter filter({"key"});
    CHECK(filter.may_match("\xE2\x84\xAA"));  // the Kelvin sign, which (?i)k matches
    CHECK(filter.may_match("caf\xC3\xA9"));
    CHECK(filter.may_match("\xFF"));
    CHECK_FALSE(filter.may_match("cafe"));
  }

  TEST_CASE("literal prefilter: no literals, or one too short to index, admits everything") {
    CHECK(LiteralPrefilter().may_match("anything"));
    CHECK(LiteralPrefilter(std::vector<std::string>{}).may_match("anything"));
    CHECK(LiteralPrefilter({"ab", "c"}).may_match("xyz"));
    CHECK(LiteralPrefilter({"ab", "c"}).admits_everything());
  }

  TEST_CASE("filtered regex: same answers as RE2 alone, on patterns with and without literals") {
    const std::vector<std::string> patterns = {
        R"(\{\{resolve:(secretsmanager|ssm-secure):)",
        R"(169\.254\.170\.2|169\.254\.169\.254|AWS_CONTAINER_CREDENTIALS_(RELATIVE|FULL)_URI)",
        R"((?i)^\s*[0-9.]+\s*gb\s*$)",
        R"(^[0-9]{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$)",
        R"((?i)(admin|power[-_]?user|full[-_]?access))",
        R"((?i)k)",
        R"((?i)st)",
        R"(\S)",
        R"()",
        R"(^$)",
        R"(a|b)",
        R"(public.ecr.aws)",
        R"(caf\x{e9})",
        R"((?i)CAF\x{c9})",
        R"(x*)",
        R"((?i)\x{212A}elvin)",  // the Kelvin sign folds to k: the literal must be "kelvin"
        R"((?i)\x{17F}tuff)",    // the long s folds to s
        // Alternations RE2's analysis gives up on as a whole, analysed branch by branch.
        R"((?i)(passw(or)?d|passwd|pwd|pass|secret|token|api[_-]?key|private[_-]?key|credential|creds|auth|access[_-]?key|key|salt|connection[_-]?string|conn[_-]?str))",
        R"((?i)(?:passw(or)?d|passwd|pass|stuff))",
        R"(passw(or)?d|passwd|pass|[|]x)",
        R"((?i)(pass|passwd|\x{17F}tuff))",
        R"(x(?i)|passw(or)?d|passwd|pass|\x{17F}tuff)",  // (?i) reaches the branches after it
        R"((passw(or)?d|passwd|pass|))",                 // an empty branch matches anything
        R"((?i)(pass|passwd)|[[:alpha:]]elvin|\|\|)",
    };
    const std::vector<std::string> texts = {
        "",
        " ",
        "{{resolve:secretsmanager:prod/db:SecretString:password}}",
        "{{RESOLVE:secretsmanager:",
        "http://169.254.170.2/v2/credentials",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "aws_container_credentials_full_uri",
        "2 GB",
        " 0.5gb ",
        "2 G B",
        "123456789012.dkr.ecr.eu-west-1.amazonaws.com",
        "123456789012.DKR.ECR.eu-west-1.amazonaws.com",
        "OrdersAdminRole",
        "Power_User",
        "K",
        "\xE2\x84\xAA",  // Kelvin sign
        "\xC5\xBFt",     // long s, t: (?i)st matches it
        "ST",
        "caf\xC3\xA9",
        "CAF\xC3\x89",
        "cafe",
        "public.ecr.aws/nginx",
        "publicXecrXaws",
        "\xFF\xFE",
        "kelvin",
        "KELVIN",
        "stuff",
        "STUFF",
        "DB_PASSWORD",
        "db_Passwd",
        "PaSs",
        "LOG_LEVEL",
        "CONNECTION-STRING",
        "conn_str",
        "CONN",
        "||",
        "|x",
        "Kelvin",
        "x",
    };
    for (const std::string& pattern : patterns) {
      const auto filtered = FilteredRegex::compile(pattern);
      REQUIRE(filtered->ok());
      const RE2 plain(pattern);
      for (const std::string& text : texts) {
        CAPTURE(pattern);
        CAPTURE(text);
        CHECK(filtered->partial_match(text) == RE2::PartialMatch(text, plain));
      }
    }
  }

  TEST_CASE("filtered regex: a pattern of literals gets a prefilter, one without admits all") {
    CHECK_FALSE(FilteredRegex::compile(R"(\{\{resolve:)")->prefilter().admits_everything());
    CHECK_FALSE(
        FilteredRegex::compile(R"((?i)(admin|poweruser))")->prefilter().admits_everything());
    CHECK(FilteredRegex::compile(R"(\S)")->prefilter().admits_everything());
    CHECK(FilteredRegex::compile(R"(a?)")->prefilter().admits_everything());
  }

  TEST_CASE("filtered regex: an alternation RE2 cannot reduce as a whole is filtered by branch") {
    // RE2's own analysis of this default credential-name pattern finds no literal at all.
    const auto names = FilteredRegex::compile(
        R"((?i)(passw(or)?d|passwd|pwd|pass|secret|token|api[_-]?key|private[_-]?key|credential|creds|auth|access[_-]?key|key|salt|connection[_-]?string|conn[_-]?str))");
    REQUIRE(names->ok());
    CHECK_FALSE(names->prefilter().admits_everything());
    CHECK_FALSE(names->prefilter().may_match("LOG_LEVEL"));
    CHECK(names->prefilter().may_match("DB_PASSWORD"));
    CHECK(names->prefilter().may_match("x-Api-Key"));
    // A branch that can match without a literal leaves the whole pattern unfiltered.
    CHECK(FilteredRegex::compile(R"((?i)(passw(or)?d|passwd|pass|\d))")
              ->prefilter()
              .admits_everything());
  }

  TEST_CASE("regex alternatives: the top-level branches, with the leading flags") {
    using Branches = std::vector<std::string>;
    CHECK(top_level_alternatives("a|bc") == Branches{"(?:a)", "(?:bc)"});
    CHECK(top_level_alternatives("(?i)(a|b(c|d))") == Branches{"(?i)(?:a)", "(?i)(?:b(c|d))"});
    CHECK(top_level_alternatives("(?i)(?-s)(?:a|)") == Branches{"(?i)(?-s)(?:a)", "(?i)(?-s)(?:)"});
    CHECK(top_level_alternatives(R"([|\]]x|\|y|[^]|]z)") ==
          Branches{R"((?:[|\]]x))", R"((?:\|y))", R"((?:[^]|]z))"});
    CHECK(top_level_alternatives("[[:alpha:]|]|b") == Branches{"(?:[[:alpha:]|])", "(?:b)"});
    // A group that is not the whole pattern is a branch's part, not the body.
    CHECK(top_level_alternatives("(a|b)c|d") == Branches{"(?:(a|b)c)", "(?:d)"});
    CHECK(top_level_alternatives("(a)|(b)") == Branches{"(?:(a))", "(?:(b))"});
  }

  TEST_CASE("regex alternatives: nothing for one branch or syntax the split does not follow") {
    CHECK_FALSE(top_level_alternatives("abc"));
    CHECK_FALSE(top_level_alternatives("(a|b)c"));
    CHECK_FALSE(top_level_alternatives("[a|b]"));
    CHECK_FALSE(top_level_alternatives(R"(a\|b)"));
    CHECK_FALSE(top_level_alternatives(R"(\Qa|b\E)"));
    CHECK_FALSE(top_level_alternatives("a(?i)b|c"));  // the flag reaches into c
    CHECK_FALSE(top_level_alternatives("(a|b"));
    CHECK_FALSE(top_level_alternatives("a|b)"));
    CHECK_FALSE(top_level_alternatives("[a|b"));
    CHECK_FALSE(top_level_alternatives("a|b\\"));          // a trailing backslash
    CHECK_FALSE(top_level_alternatives("(?P<name>a|b)"));  // a named group stays whole
  }

  TEST_CASE("filtered regex: a refused pattern keeps RE2's reason") {
    const auto refused = FilteredRegex::compile("(unbalanced");
    CHECK_FALSE(refused->ok());
    CHECK(regex_error(refused->regex()).find("missing )") != std::string::npos);
  }
}
