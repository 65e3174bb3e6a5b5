#pragma once
// Compiler diagnostics: what went wrong, where, and what to do about it.

#include <string>
#include <vector>

#include "language/ast/ast.hpp"

namespace taskguard::diagnostics {

enum class Level : unsigned char { Error, Warning, Note };

struct Diagnostic {
  Level level = Level::Error;
  std::string file;
  ast::SourceRange range;
  std::string message;  // a sentence a person can act on, never a grammar rule name
  std::string hint;     // optional: "did you mean `readonlyRootFilesystem`?"
};

class DiagnosticList {
 public:
  void error(std::string file, ast::SourceRange range, std::string message, std::string hint = {});
  void warning(std::string file, ast::SourceRange range, std::string message,
               std::string hint = {});
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  bool has_errors() const;
  const std::vector<Diagnostic>& items() const { return items_; }
  void append(const DiagnosticList& other);

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace taskguard::diagnostics
