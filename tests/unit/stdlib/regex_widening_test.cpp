#include <doctest/doctest.h>
#include <re2/re2.h>

#include <string>

#include "stdlib/secrets/pattern_detectors.hpp"
#include "stdlib/text/regex_widening.hpp"

using namespace taskguard;

namespace {

std::string widened(std::string_view pattern) {
  return text::widen_counted_repetitions(pattern).value_or("(not followed)");
}

}  // namespace

TEST_SUITE("stdlib") {
  TEST_CASE("widen_counted_repetitions opens every counted repetition") {
    CHECK(widened("a{3}") == "a+");
    CHECK(widened("a{2,}") == "a+");
    CHECK(widened("a{1,30}") == "a+");
    CHECK(widened("a{0,5}") == "a*");
    CHECK(widened("a{00,5}") == "a*");
    CHECK(widened("(?:ab){1,3}?c") == "(?:ab)+?c");  // a lazy repetition stays lazy
    CHECK(widened("[A-Z2-7]{16}\\b") == "[A-Z2-7]+\\b");
    CHECK(widened("x{2}y{0,}z{7,9}") == "x+y*z+");
  }

  TEST_CASE("widen_counted_repetitions leaves what RE2 reads as literal braces") {
    CHECK(widened("a{,3}") == "a{,3}");  // no minimum: RE2 reads four literal bytes
    CHECK(widened("a{x}") == "a{x}");
    CHECK(widened("a{3") == "a{3");
    CHECK(widened("\\{3}") == "\\{3}");
    CHECK(widened("[{]{2}") == "[{]+");  // inside a class a brace is a member
    CHECK(widened("[]{3}]") == "[]{3}]");
    CHECK(widened("[[:digit:]{]{4}") == "[[:digit:]{]+");
    // And RE2 agrees: those braces still match themselves.
    CHECK(RE2::FullMatch("a{,3}", widened("a{,3}")));
    CHECK(RE2::FullMatch("{3}", widened("\\{3}")));
  }

  TEST_CASE("widen_counted_repetitions gives up on syntax it does not follow") {
    CHECK_FALSE(text::widen_counted_repetitions("\\Qa{3}\\E").has_value());
    CHECK_FALSE(text::widen_counted_repetitions("[abc").has_value());
    CHECK_FALSE(text::widen_counted_repetitions("abc\\").has_value());
  }

  TEST_CASE("a widened pattern matches wherever the pattern does") {
    struct Case {
      const char* pattern;
      const char* text;
    };
    for (const Case& c : {Case{"\\bAKIA[A-Z2-7]{16}\\b", "id=AKIAABCDEFGHIJKLMNOP!"},
                          Case{"x[0-9]{2,4}?y", "ax123yb"}, Case{"(?i)ab{0,2}c", "zAbBc"},
                          Case{"\\b[A-Za-z][A-Za-z0-9+.-]{1,30}://[^@]+@h", "s3://u:p@h"}}) {
      CAPTURE(c.pattern);
      const RE2 exact(c.pattern);
      const RE2 wide(widened(c.pattern));
      REQUIRE(exact.ok());
      REQUIRE(wide.ok());
      re2::StringPiece exact_match;
      re2::StringPiece wide_match;
      REQUIRE(exact.Match(c.text, 0, std::string_view(c.text).size(), RE2::UNANCHORED, &exact_match,
                          1));
      REQUIRE(
          wide.Match(c.text, 0, std::string_view(c.text).size(), RE2::UNANCHORED, &wide_match, 1));
      // Leftmost: the wide match starts no later than the exact one.
      CHECK(wide_match.data() <= exact_match.data());
    }
    // Wider, not the same: it also matches what the count refused.
    CHECK_FALSE(RE2::PartialMatch("AKIAABC", "\\bAKIA[A-Z2-7]{16}\\b"));
    CHECK(RE2::PartialMatch("AKIAABC", widened("\\bAKIA[A-Z2-7]{16}\\b")));
  }

  TEST_CASE("every secret detector's widened pattern compiles, and is far smaller") {
    RE2::Options latin1;
    latin1.set_encoding(RE2::Options::EncodingLatin1);
    int exact_size = 0;
    int wide_size = 0;
    for (const auto& detector : secrets::pattern_literals()) {
      CAPTURE(detector.kind);
      const RE2 exact(std::string(detector.pattern), latin1);
      const RE2 wide(widened(detector.pattern), latin1);
      REQUIRE(exact.ok());
      REQUIRE(wide.ok());  // else the set falls back to the exact pattern
      CHECK(wide.ProgramSize() <= exact.ProgramSize());
      exact_size += exact.ProgramSize();
      wide_size += wide.ProgramSize();
    }
    // What the set is built from: the unrolled counts were most of it.
    CHECK(wide_size * 5 < exact_size);
  }
}
