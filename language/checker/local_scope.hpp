#pragma once
// Names bound inside one rule or function: `for` bindings, quantifier variables, fn params.
// A stack, because quantifier variables go out of scope after their condition.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "language/ast/ast.hpp"
#include "stdlib/schema/schema.hpp"

namespace taskguard::checker {

struct LocalName {
  std::string name;
  ast::NameKind kind = ast::NameKind::Binding;
  std::uint32_t slot = 0;
  Type type;
  const schema::Field* element_field = nullptr;  // the schema field whose elements it ranges over
  ast::SourceRange range;
  bool used = false;
};

class LocalScope {
 public:
  LocalName* find(std::string_view name) {
    for (auto it = names_.rbegin(); it != names_.rend(); ++it) {
      if (it->name == name) return &*it;
    }
    return nullptr;
  }
  // Binds a name in a fresh slot; returns it.
  LocalName& bind(LocalName name) {
    name.slot = next_slot_++;
    names_.push_back(std::move(name));
    return names_.back();
  }
  std::size_t depth() const { return names_.size(); }
  // Drops the names bound since `depth`, returning them (to report the unused ones).
  std::vector<LocalName> pop_to(std::size_t depth) {
    std::vector<LocalName> dropped(names_.begin() + static_cast<std::ptrdiff_t>(depth),
                                   names_.end());
    names_.resize(depth);
    return dropped;
  }
  std::uint32_t slot_count() const { return next_slot_; }
  std::vector<std::string> visible_names() const {
    std::vector<std::string> out;
    for (const auto& n : names_)
      out.push_back(n.name);
    return out;
  }

 private:
  std::vector<LocalName> names_;
  std::uint32_t next_slot_ = 0;
};

}  // namespace taskguard::checker
