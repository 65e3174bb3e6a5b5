#include <doctest/doctest.h>
#include <re2/filtered_re2.h>
#include <re2/re2.h>

#include <string>
#include <vector>

#include "stdlib/secrets/pattern_detectors.hpp"

using namespace taskguard;

TEST_SUITE("stdlib") {
  // The detectors skip RE2 for a value that contains none of their literals. That is sound only
  // if every match contains one. RE2's FilteredRE2 reduces a pattern to a formula of atoms (AND,
  // OR) that every match satisfies; a text with none of a detector's literals can contain only
  // the atoms that contain none of them either, and the formula must then be false.
  TEST_CASE("secret detectors: every match contains one of the detector's literals") {
    RE2::Options latin1;
    latin1.set_encoding(RE2::Options::EncodingLatin1);
    const auto detectors = secrets::pattern_literals();
    REQUIRE(detectors.size() == 19);
    for (const auto& detector : detectors) {
      CAPTURE(detector.kind);
      REQUIRE_FALSE(detector.literals.empty());
      for (std::string_view literal : detector.literals) {
        CHECK(literal.size() >= 2);  // what the prefilter can index
        // Lowercase, as RE2's atoms are: the prefilter lowercases the value it looks in.
        CHECK(std::string(literal).find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") ==
              std::string::npos);
      }
      re2::FilteredRE2 analysis(1);
      int id = 0;
      REQUIRE(analysis.Add(std::string(detector.pattern), latin1, &id) == RE2::NoError);
      std::vector<std::string> atoms;
      analysis.Compile(&atoms);
      std::vector<int> atoms_without_literal;
      for (std::size_t i = 0; i < atoms.size(); ++i) {
        bool holds_literal = false;
        for (std::string_view literal : detector.literals) {
          holds_literal = holds_literal || atoms[i].find(literal) != std::string::npos;
        }
        if (!holds_literal) atoms_without_literal.push_back(static_cast<int>(i));
      }
      std::vector<int> still_possible;
      analysis.AllPotentials(atoms_without_literal, &still_possible);
      CHECK_MESSAGE(still_possible.empty(),
                    "a match can avoid every literal; atoms were " << atoms.size());
    }
  }

  // The same proof for a byte a detector claims every match holds besides a literal: with every
  // atom that lacks the byte present, the formula must still be false.
  TEST_CASE("secret detectors: every match contains the detector's required byte") {
    RE2::Options latin1;
    latin1.set_encoding(RE2::Options::EncodingLatin1);
    int claimed = 0;
    for (const auto& detector : secrets::pattern_literals()) {
      if (detector.required_byte == '\0') continue;
      ++claimed;
      CAPTURE(detector.kind);
      re2::FilteredRE2 analysis(1);
      int id = 0;
      REQUIRE(analysis.Add(std::string(detector.pattern), latin1, &id) == RE2::NoError);
      std::vector<std::string> atoms;
      analysis.Compile(&atoms);
      std::vector<int> atoms_without_byte;
      for (std::size_t i = 0; i < atoms.size(); ++i) {
        if (atoms[i].find(detector.required_byte) == std::string::npos)
          atoms_without_byte.push_back(static_cast<int>(i));
      }
      REQUIRE(atoms_without_byte.size() < atoms.size());  // the byte is in some atom
      std::vector<int> still_possible;
      analysis.AllPotentials(atoms_without_byte, &still_possible);
      CHECK_MESSAGE(still_possible.empty(), "a match can avoid the required byte");
    }
    CHECK(claimed == 1);  // url-with-password's '@'
  }
}
