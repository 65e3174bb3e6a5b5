#pragma once
// The prose of docs/stdlib.md that is not one function: what a namespace is for and how its
// detectors decide. Kept beside the catalogue so that the generated page and the code change
// together.

#include <string>
#include <string_view>

namespace taskguard::builtins {

// "" is the core namespace (len, lower, find ...).
std::string_view namespace_title(std::string_view ns);
std::string_view namespace_intro(std::string_view ns);
// Markdown placed after the namespace's functions; empty when there is nothing more to say.
std::string namespace_details(std::string_view ns);

}  // namespace taskguard::builtins
