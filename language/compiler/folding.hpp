#pragma once
// Constant folding: compile-time values and the operators the compiler may evaluate early.
// Folding is conservative: anything that could fail at run time (division by zero, ordering
// mixed kinds) is left to the VM so that the error surfaces as an `error` outcome, exactly as
// if nothing had been folded.

#include <optional>
#include <string>
#include <vector>

#include "language/ast/ast.hpp"
#include "language/program/program.hpp"

namespace taskguard::compiler {

struct Folded {
  program::Constant::Kind kind = program::Constant::Kind::Null;
  bool boolean = false;
  double number = 0;
  std::string text;
  std::vector<Folded> items;  // List; Object: alternating key (String) and value

  static Folded null() { return {}; }
  static Folded of_bool(bool b) {
    Folded f;
    f.kind = program::Constant::Kind::Bool;
    f.boolean = b;
    return f;
  }
  static Folded of_number(double d) {
    Folded f;
    f.kind = program::Constant::Kind::Number;
    f.number = d;
    return f;
  }
  static Folded of_string(std::string s) {
    Folded f;
    f.kind = program::Constant::Kind::String;
    f.text = std::move(s);
    return f;
  }
};

// A schema default (JSON) as a compile-time value; nullopt for shapes constants cannot hold.
std::optional<Folded> from_json(const nlohmann::json& json);

// The truth of a folded value in a condition: nullopt when it is not a bool or null (the VM
// reports the error at run time).
std::optional<bool> folded_truth(const Folded& f);

std::optional<Folded> fold_unary(ast::UnaryOp op, const Folded& operand);
// Every binary operator except and/or, which the code generator folds itself so that it can
// also remove dead branches.
std::optional<Folded> fold_binary(ast::BinaryOp op, const Folded& left, const Folded& right);

}  // namespace taskguard::compiler
