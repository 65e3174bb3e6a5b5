#pragma once
// YAML text → document nodes with line and column. CloudFormation's short-form intrinsics
// (!Ref X, !GetAtt A.B, !Sub ...) become their long form ({"Ref": X}, {"Fn::GetAtt": ...}), so
// everything after this point sees one spelling.

#include <string>
#include <string_view>
#include <vector>

#include "interpreter/document/document.hpp"

namespace taskguard::loaders {

// Aliases can make a small YAML file describe an enormous tree; expansion stops here.
inline constexpr std::size_t kMaxYamlNodes = 1'000'000;

// Returns nullptr on error (reported in `errors`). Duplicate keys: last wins, with a warning.
document::Node* read_yaml(std::string_view text, document::Arena& arena, const std::string& file,
                          std::vector<document::InputError>& errors);

}  // namespace taskguard::loaders
