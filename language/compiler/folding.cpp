#include "language/compiler/folding.hpp"

#include <re2/re2.h>

#include "stdlib/text/regex.hpp"

namespace taskguard::compiler {

using Kind = program::Constant::Kind;

std::optional<Folded> from_json(const nlohmann::json& json) {
  switch (json.type()) {
    case nlohmann::json::value_t::null:
      return Folded::null();
    case nlohmann::json::value_t::boolean:
      return Folded::of_bool(json.get<bool>());
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      return Folded::of_number(json.get<double>());
    case nlohmann::json::value_t::string:
      return Folded::of_string(json.get<std::string>());
    case nlohmann::json::value_t::array: {
      Folded list;
      list.kind = Kind::List;
      for (const auto& item : json) {
        auto f = from_json(item);
        if (!f) return std::nullopt;
        list.items.push_back(std::move(*f));
      }
      return list;
    }
    case nlohmann::json::value_t::object: {
      Folded object;
      object.kind = Kind::Object;
      for (const auto& [key, item] : json.items()) {
        auto f = from_json(item);
        if (!f) return std::nullopt;
        object.items.push_back(Folded::of_string(key));
        object.items.push_back(std::move(*f));
      }
      return object;
    }
    default:
      return std::nullopt;
  }
}

std::optional<bool> folded_truth(const Folded& f) {
  if (f.kind == Kind::Bool) return f.boolean;
  if (f.kind == Kind::Null) return false;
  return std::nullopt;
}

namespace {

// Structural equality as the VM defines it; nullopt when regexes are involved.
std::optional<bool> folded_equal(const Folded& a, const Folded& b) {
  if (a.kind == Kind::Regex || b.kind == Kind::Regex) return std::nullopt;
  if (a.kind == Kind::Object || b.kind == Kind::Object) return std::nullopt;
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Kind::Null:
      return true;
    case Kind::Bool:
      return a.boolean == b.boolean;
    case Kind::Number:
      return a.number == b.number;
    case Kind::String:
      return a.text == b.text;
    case Kind::List: {
      if (a.items.size() != b.items.size()) return false;
      for (std::size_t i = 0; i < a.items.size(); ++i) {
        auto e = folded_equal(a.items[i], b.items[i]);
        if (!e) return std::nullopt;
        if (!*e) return false;
      }
      return true;
    }
    default:
      return std::nullopt;
  }
}

}  // namespace

std::optional<Folded> fold_unary(ast::UnaryOp op, const Folded& operand) {
  if (op == ast::UnaryOp::Not) {
    auto t = folded_truth(operand);
    if (!t) return std::nullopt;
    return Folded::of_bool(!*t);
  }
  if (operand.kind != Kind::Number) return std::nullopt;
  return Folded::of_number(-operand.number);
}

std::optional<Folded> fold_binary(ast::BinaryOp op, const Folded& a, const Folded& b) {
  using Op = ast::BinaryOp;
  switch (op) {
    case Op::Eq:
    case Op::Ne: {
      auto e = folded_equal(a, b);
      if (!e) return std::nullopt;
      return Folded::of_bool(op == Op::Eq ? *e : !*e);
    }
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge: {
      int c = 0;
      if (a.kind == Kind::Number && b.kind == Kind::Number) {
        if (a.number != a.number || b.number != b.number) return std::nullopt;
        c = a.number < b.number ? -1 : (a.number > b.number ? 1 : 0);
      } else if (a.kind == Kind::String && b.kind == Kind::String) {
        c = a.text.compare(b.text);
      } else {
        return std::nullopt;  // a runtime error: leave it to the VM
      }
      const bool r = op == Op::Lt ? c < 0 : op == Op::Le ? c <= 0 : op == Op::Gt ? c > 0 : c >= 0;
      return Folded::of_bool(r);
    }
    case Op::In:
    case Op::NotIn: {
      std::optional<bool> found;
      if (b.kind == Kind::Null) {
        found = false;
      } else if (b.kind == Kind::List) {
        found = false;
        for (const Folded& item : b.items) {
          auto e = folded_equal(a, item);
          if (!e) return std::nullopt;
          if (*e) {
            found = true;
            break;
          }
        }
      } else if (b.kind == Kind::String && a.kind == Kind::String) {
        found = b.text.find(a.text) != std::string::npos;
      } else {
        return std::nullopt;
      }
      return Folded::of_bool(op == Op::In ? *found : !*found);
    }
    case Op::Matches: {
      if (a.kind == Kind::Null) return Folded::of_bool(false);
      if (a.kind != Kind::String || (b.kind != Kind::Regex && b.kind != Kind::String)) {
        return std::nullopt;
      }
      const auto re = text::compile_re2(b.text);
      if (!re->ok()) return std::nullopt;
      return Folded::of_bool(RE2::PartialMatch(a.text, *re));
    }
    case Op::Add:
      if (a.kind == Kind::String && b.kind == Kind::String)
        return Folded::of_string(a.text + b.text);
      [[fallthrough]];
    case Op::Sub:
    case Op::Mul:
    case Op::Div: {
      if (a.kind != Kind::Number || b.kind != Kind::Number) return std::nullopt;
      switch (op) {
        case Op::Add:
          return Folded::of_number(a.number + b.number);
        case Op::Sub:
          return Folded::of_number(a.number - b.number);
        case Op::Mul:
          return Folded::of_number(a.number * b.number);
        default:
          if (b.number == 0) return std::nullopt;
          return Folded::of_number(a.number / b.number);
      }
    }
    default:
      return std::nullopt;
  }
}

}  // namespace taskguard::compiler
