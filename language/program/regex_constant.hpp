#pragma once
// A regex constant of a program: its pattern and its number among the program's constants.
//
// A program holds no compiled regex. It is shared by every thread that evaluates it, and RE2
// takes a reader lock on every search of one regex object: with two threads the lock's cache
// line went back and forth between the cores on every match, and cost a `-j 2` run more than
// the matching itself. Each VM compiles the constants it meets, on first use (RegexCache in
// interpreter/value/operators.hpp); the program only checks their syntax when it is created.

#include <cstdint>
#include <string>

namespace taskguard::program {

struct RegexConstant {
  std::string pattern;
  std::uint32_t number = 0;  // index in Program::constants()
};

}  // namespace taskguard::program
