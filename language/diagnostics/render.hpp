#pragma once
// Diagnostics as a person reads them in a terminal:
//
//   policies/custom.tg:12:10: error: unknown field `privilegd` on ContainerDefinition
//      12 |   deny c.privilegd
//         |          ^~~~~~~~~
//         = hint: did you mean `privileged`?

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "language/diagnostics/diagnostic.hpp"

namespace taskguard::diagnostics {

// The text of a source file by name, or nullopt when it is not at hand (only the first line of
// the diagnostic is then printed).
using SourceLookup = std::function<std::optional<std::string_view>(const std::string& file)>;

std::string render(const Diagnostic& diagnostic, std::optional<std::string_view> source,
                   bool color);
std::string render(const Diagnostic& diagnostic, const SourceLookup& sources, bool color);
// Every diagnostic of a list, in order, each followed by a blank line.
std::string render_all(const DiagnosticList& list, const SourceLookup& sources, bool color);

const char* level_name(Level level);

}  // namespace taskguard::diagnostics
