#pragma once
// An immutable string that copies share. Every outcome names its file and its task
// definition's family: a copy of each per outcome was two heap allocations per outcome, most of
// what building one cost. Copying a SharedText counts a reference instead.

#include <fmt/format.h>

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

namespace taskguard::document {

class SharedText {
 public:
  SharedText() = default;
  SharedText(std::string text)
      : text_(text.empty() ? nullptr : std::make_shared<const std::string>(std::move(text))) {}
  SharedText(std::string_view text) : SharedText(std::string(text)) {}
  SharedText(const char* text) : SharedText(std::string(text)) {}

  const std::string& str() const { return text_ != nullptr ? *text_ : empty_string(); }
  operator const std::string&() const { return str(); }
  std::string_view view() const { return str(); }
  bool empty() const { return text_ == nullptr; }

  friend bool operator==(const SharedText& a, const SharedText& b) { return a.view() == b.view(); }
  friend bool operator==(const SharedText& a, std::string_view b) { return a.view() == b; }
  friend bool operator==(const SharedText& a, const std::string& b) { return a.view() == b; }
  friend bool operator==(const SharedText& a, const char* b) { return a.view() == b; }
  friend auto operator<=>(const SharedText& a, const SharedText& b) {
    return a.view() <=> b.view();
  }
  friend std::ostream& operator<<(std::ostream& out, const SharedText& t) { return out << t.str(); }

 private:
  static const std::string& empty_string() {
    static const std::string empty;
    return empty;
  }

  std::shared_ptr<const std::string> text_;  // null when empty
};

}  // namespace taskguard::document

template <>
struct fmt::formatter<taskguard::document::SharedText> : fmt::formatter<std::string_view> {
  auto format(const taskguard::document::SharedText& text, format_context& context) const {
    return fmt::formatter<std::string_view>::format(text.view(), context);
  }
};
