#include "stdlib/types/type.hpp"

#include "stdlib/schema/schema.hpp"

namespace taskguard {

Type Type::list_of(Type element) {
  Type t(Kind::List);
  t.element_ = std::make_shared<const Type>(std::move(element));
  return t;
}

Type Type::map_of(Type element) {
  Type t(Kind::Map);
  t.element_ = std::make_shared<const Type>(std::move(element));
  return t;
}

Type Type::structure(const schema::Struct* definition) {
  Type t(Kind::Struct);
  t.struct_ = definition;
  return t;
}

const Type& Type::element() const {
  static const Type any_type = Type::any();
  return element_ ? *element_ : any_type;
}

bool Type::accepts(const Type& other) const {
  if (is_any() || other.is_any()) return true;
  if (kind_ != other.kind_) return false;
  switch (kind_) {
    case Kind::List:
    case Kind::Map:
      return element().accepts(other.element());
    case Kind::Struct:
      return struct_ == nullptr || other.struct_ == nullptr || struct_ == other.struct_;
    default:
      return true;
  }
}

std::string Type::name() const {
  switch (kind_) {
    case Kind::Any:
      return "any";
    case Kind::Null:
      return "null";
    case Kind::Bool:
      return "bool";
    case Kind::Number:
      return "number";
    case Kind::String:
      return "string";
    case Kind::Regex:
      return "regex";
    case Kind::List:
      return "list<" + element().name() + ">";
    case Kind::Map:
      return "map<" + element().name() + ">";
    case Kind::Struct:
      return struct_ ? struct_->name : "object";
  }
  return "any";
}

bool operator==(const Type& a, const Type& b) {
  if (a.kind_ != b.kind_) return false;
  if (a.kind_ == Type::Kind::List || a.kind_ == Type::Kind::Map) return a.element() == b.element();
  if (a.kind_ == Type::Kind::Struct) return a.struct_ == b.struct_;
  return true;
}

}  // namespace taskguard
