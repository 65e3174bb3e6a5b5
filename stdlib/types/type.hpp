#pragma once
// The static types the checker reasons with. Documents are dynamic; these types describe what the
// schema promises about them, so a rule can be rejected before it ever runs.

#include <memory>
#include <string>

namespace taskguard::schema {
struct Struct;
}

namespace taskguard {

class Type {
 public:
  enum class Kind : unsigned char { Any, Null, Bool, Number, String, Regex, List, Struct, Map };

  Type() = default;
  static Type any() { return Type(Kind::Any); }
  static Type null() { return Type(Kind::Null); }
  static Type boolean() { return Type(Kind::Bool); }
  static Type number() { return Type(Kind::Number); }
  static Type string() { return Type(Kind::String); }
  static Type regex() { return Type(Kind::Regex); }
  static Type list_of(Type element);
  // A map whose keys are user data (log options, docker labels); values are `element`.
  static Type map_of(Type element);
  static Type structure(const schema::Struct* definition);

  Kind kind() const { return kind_; }
  bool is(Kind k) const { return kind_ == k; }
  bool is_any() const { return kind_ == Kind::Any; }
  // Element type of a list or map; Any for every other kind.
  const Type& element() const;
  const schema::Struct* struct_definition() const { return struct_; }

  // Could a value of type `other` be used where this type is expected? Any is compatible both ways.
  bool accepts(const Type& other) const;
  // "string", "list<ContainerDefinition>", "map<string>" ...
  std::string name() const;

  friend bool operator==(const Type& a, const Type& b);

 private:
  explicit Type(Kind kind) : kind_(kind) {}
  Kind kind_ = Kind::Any;
  std::shared_ptr<const Type> element_;
  const schema::Struct* struct_ = nullptr;
};

}  // namespace taskguard
