#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <variant>
#include <vector>

#include "stdlib/text/base64.hpp"
#include "stdlib/text/number.hpp"
#include "stdlib/text/regex.hpp"
#include "stdlib/text/strings.hpp"

using namespace taskguard::text;
using namespace std::string_view_literals;

TEST_SUITE("stdlib") {
  TEST_CASE("lower and upper map ASCII letters and leave other bytes alone") {
    CHECK(lower("FarGATE") == "fargate");
    CHECK(upper("sys_admin") == "SYS_ADMIN");
    CHECK(lower("") == "");
    CHECK(lower("ÉCOLE") == "École");  // multi-byte characters untouched
    const std::string invalid =
        "\xff\xfe"
        "AB";
    CHECK(lower(invalid) ==
          "\xff\xfe"
          "ab");
    CHECK(upper("123-_") == "123-_");
  }

  TEST_CASE("trim removes ASCII whitespace at both ends only") {
    CHECK(trim("  root \t\n") == "root");
    CHECK(trim("a b") == "a b");
    CHECK(trim("   ") == "");
    CHECK(trim("") == "");
    CHECK(trim("\v\fx\r") == "x");
  }

  TEST_CASE("starts_with, ends_with and contains") {
    CHECK(starts_with("arn:aws:iam", "arn:"));
    CHECK_FALSE(starts_with("ar", "arn:"));
    CHECK(starts_with("abc", ""));
    CHECK(ends_with("app:latest", ":latest"));
    CHECK_FALSE(ends_with("app:latest1", ":latest"));
    CHECK(contains("/var/run/docker.sock", "docker"));
    CHECK_FALSE(contains("/var/run", "docker"));
    CHECK(contains("", ""));
  }

  TEST_CASE("length counts UTF-8 characters and every invalid byte as one") {
    CHECK(length("") == 0);
    CHECK(length("hello") == 5);
    CHECK(length("héllo") == 5);
    CHECK(length("日本") == 2);
    CHECK(length("😀") == 1);
    CHECK(length("\xff\xfe") == 2);
    CHECK(length("\xe6\x97") == 2);      // truncated 3-byte sequence
    CHECK(length("\xc0\xaf") == 2);      // overlong encoding of '/'
    CHECK(length("\xed\xa0\x80") == 3);  // UTF-16 surrogate
  }

  TEST_CASE("split on a separator keeps empty fields") {
    CHECK(split("a,b,,c", ",") == std::vector{"a"sv, "b"sv, ""sv, "c"sv});
    CHECK(split("", ",") == std::vector{""sv});
    CHECK(split("abc", "::") == std::vector{"abc"sv});
    CHECK(split("a::b", "::") == std::vector{"a"sv, "b"sv});
    CHECK(split(",", ",") == std::vector{""sv, ""sv});
  }

  TEST_CASE("split with an empty separator yields characters") {
    CHECK(split("héj", "") == std::vector{"h"sv, "é"sv, "j"sv});
    CHECK(split("", "").empty());
    CHECK(split("\xff"
                "a",
                "") == std::vector{"\xff"sv, "a"sv});
  }

  TEST_CASE("split_any splits at any of the separator characters") {
    CHECK(split_any("arn:aws:iam::1:role/app-prod_x.y z", ":/-_. ") ==
          std::vector{"arn"sv, "aws"sv, "iam"sv, ""sv, "1"sv, "role"sv, "app"sv, "prod"sv, "x"sv,
                      "y"sv, "z"sv});
    // The same as replacing every separator with one of them and splitting at that one.
    CHECK(split_any("a-b_c", "-_") == split("a-b-c", "-"));
    CHECK(split_any("", ":") == std::vector{""sv});
    CHECK(split_any("a:b", "") == std::vector{"a:b"sv});
    CHECK(split_any(":", ":") == std::vector{""sv, ""sv});
    // Multi-byte separators split at whole characters only; other bytes >= 0x80 never match an
    // ASCII separator.
    CHECK(split_any("aébèc", "é") == std::vector{"a"sv, "bèc"sv});
    CHECK(split_any("a\xff"
                    "b:c",
                    ":") == std::vector{"a\xff"
                                        "b"sv,
                                        "c"sv});
    CHECK(split_any("x\xc3\xa9y", "\xa9") == std::vector{"x\xc3\xa9y"sv});
  }

  TEST_CASE("the _into forms append what the plain forms return; every_part asks each part") {
    const std::vector<std::pair<std::string_view, std::string_view>> cases = {
        {"a,b,,c", ","},
        {"", ","},
        {"abc", "::"},
        {"a::b::", "::"},
        {"h\xC3\xA9", ""},
        {"arn:aws:iam::1:role/x-prod", ":/-"},
        {"a\xC3\xA9"
         "b",
         "\xC3\xA9"}};
    for (const auto& [text, separator] : cases) {
      CAPTURE(text);
      CAPTURE(separator);
      std::vector<std::string_view> parts = {"kept"sv};
      split_into(text, separator, parts);
      std::vector<std::string_view> expected = {"kept"sv};
      for (std::string_view part : split(text, separator))
        expected.push_back(part);
      CHECK(parts == expected);
      parts = {"kept"sv};
      split_any_into(text, separator, parts);
      expected = {"kept"sv};
      for (std::string_view part : split_any(text, separator))
        expected.push_back(part);
      CHECK(parts == expected);
      if (separator.empty()) continue;
      std::vector<std::string_view> asked;
      CHECK(every_part(text, separator, [&](std::string_view part) {
        asked.push_back(part);
        return true;
      }));
      CHECK(asked == split(text, separator));
    }
    // Stops at the first part refused.
    std::vector<std::string_view> asked;
    CHECK_FALSE(every_part("a.bad.c", ".", [&](std::string_view part) {
      asked.push_back(part);
      return part != "bad";
    }));
    CHECK(asked == std::vector{"a"sv, "bad"sv});
  }

  TEST_CASE("lower_into and upper_into write what lower and upper return") {
    const std::string text = "MiXeD-\xC3\x89t\xC3\xA9 123 \xFF";
    std::string out(text.size(), '?');
    lower_into(text, out.data());
    CHECK(out == lower(text));
    upper_into(text, out.data());
    CHECK(out == upper(text));
    CHECK(lower("ABC-xyz") == "abc-xyz");
  }

  TEST_CASE("join") {
    const std::vector parts{"a"sv, "b"sv, "c"sv};
    CHECK(join(parts, "/") == "a/b/c");
    CHECK(join(std::vector<std::string_view>{}, ",") == "");
    CHECK(join(std::vector{"x"sv}, ",") == "x");
  }

  TEST_CASE("replace replaces every occurrence and ignores an empty pattern") {
    CHECK(replace("CAP_NET_RAW", "CAP_", "") == "NET_RAW");
    CHECK(replace("aaa", "a", "bb") == "bbbbbb");
    CHECK(replace("aaaa", "aa", "a") == "aa");
    CHECK(replace("abc", "", "x") == "abc");
    CHECK(replace("abc", "z", "x") == "abc");
  }

  TEST_CASE("to_number reads decimal text strictly") {
    CHECK(to_number("512") == 512.0);
    CHECK(to_number(" -1.5e3 ") == -1500.0);
    CHECK(to_number("+2") == 2.0);
    CHECK(to_number(".5") == 0.5);
    CHECK(to_number("5.") == 5.0);
    CHECK(to_number("0") == 0.0);
  }

  TEST_CASE("to_number refuses everything that is not a plain decimal number") {
    for (std::string_view bad : {"", " ", "1k", "0x10", "inf", "nan", "-", "1e", "1e+", "--1",
                                 "1 2", ".", "e5", "1e999", "Infinity", "1,000"}) {
      CAPTURE(bad);
      CHECK_FALSE(to_number(bad).has_value());
    }
  }

  TEST_CASE("regex: search is unanchored, find returns the whole match and its groups") {
    auto compiled = Regex::compile(R"(:(\d+)\.(\d+)(-\w+)?)");
    REQUIRE(std::holds_alternative<Regex>(compiled));
    const Regex& re = std::get<Regex>(compiled);
    CHECK(re.groups() == 3);
    CHECK(re.search("nginx:1.25"));
    CHECK_FALSE(re.search("nginx:latest"));
    const auto captures = re.find("nginx:1.25 and :2.0");
    REQUIRE(captures.has_value());
    REQUIRE(captures->size() == 4);
    CHECK((*captures)[0] == ":1.25");
    CHECK((*captures)[1] == "1");
    CHECK((*captures)[2] == "25");
    CHECK_FALSE((*captures)[3].has_value());  // the optional group did not take part
    CHECK_FALSE(re.find("no version").has_value());
  }

  TEST_CASE("regex: an empty group that matched is an empty string, not null") {
    const Regex re = std::get<Regex>(Regex::compile("a(b*)c"));
    const auto captures = re.find("xacx");
    REQUIRE(captures.has_value());
    REQUIRE((*captures)[1].has_value());
    CHECK((*captures)[1]->empty());
    const Regex empty = std::get<Regex>(Regex::compile("^()$"));
    const auto on_empty = empty.find(std::string_view());
    REQUIRE(on_empty.has_value());
    CHECK((*on_empty)[1].has_value());
  }

  TEST_CASE("regex: invalid and backtracking-only patterns are refused with a reason") {
    for (std::string_view bad : {"(", "a{2,1}", R"((a)\1)", "(?=x)", "[z-a]"}) {
      CAPTURE(bad);
      const auto compiled = Regex::compile(bad);
      REQUIRE(std::holds_alternative<std::string>(compiled));
      CHECK(std::get<std::string>(compiled).starts_with("invalid regular expression: "));
    }
  }

  TEST_CASE("regex: matching stays linear on a classic catastrophic pattern") {
    const Regex re = std::get<Regex>(Regex::compile("(a+)+$"));
    const std::string hostile = std::string(100000, 'a') + "!";
    CHECK_FALSE(re.search(hostile));  // a backtracking engine would not return
    CHECK(re.search("aaa"));
    CHECK(
        re.search("\xff\xfe"
                  "aa"));  // invalid UTF-8 is just text that may or may not match
  }

  TEST_CASE("regex: case-insensitive flag and pattern text") {
    const Regex re = std::get<Regex>(Regex::compile("(?i)passw(or)?d"));
    CHECK(re.search("DB_PASSWORD"));
    CHECK(re.search("passwd"));
    CHECK(re.pattern() == "(?i)passw(or)?d");
  }

  TEST_CASE("base64 decoding: standard, URL-safe, padded or not") {
    CHECK(decode_base64("aGVsbG8=") == "hello");
    CHECK(decode_base64("aGVsbG8") == "hello");
    CHECK(decode_base64("") == "");
    CHECK(decode_base64("-_8") == decode_base64("+/8"));
    CHECK_FALSE(decode_base64("a").has_value());          // impossible length
    CHECK_FALSE(decode_base64("aGVsbG8==").has_value());  // wrong padding
    CHECK_FALSE(decode_base64("aGV sbG8=").has_value());  // space
    CHECK_FALSE(decode_base64("+-AA").has_value());       // both alphabets
    CHECK_FALSE(decode_base64("a=bc").has_value());       // padding in the middle
  }
}
