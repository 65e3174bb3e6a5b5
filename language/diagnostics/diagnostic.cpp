#include "language/diagnostics/diagnostic.hpp"

#include <algorithm>

namespace taskguard::diagnostics {

void DiagnosticList::error(std::string file, ast::SourceRange range, std::string message,
                           std::string hint) {
  items_.push_back({Level::Error, std::move(file), range, std::move(message), std::move(hint)});
}

void DiagnosticList::warning(std::string file, ast::SourceRange range, std::string message,
                             std::string hint) {
  items_.push_back({Level::Warning, std::move(file), range, std::move(message), std::move(hint)});
}

bool DiagnosticList::has_errors() const {
  return std::any_of(items_.begin(), items_.end(),
                     [](const Diagnostic& d) { return d.level == Level::Error; });
}

void DiagnosticList::append(const DiagnosticList& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

}  // namespace taskguard::diagnostics
