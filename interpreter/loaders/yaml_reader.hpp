#pragma once
// YAML text → document nodes with line and column. CloudFormation's short-form intrinsics
// (!Ref X, !GetAtt A.B, !Sub ...) become their long form ({"Ref": X}, {"Fn::GetAtt": ...}), so
// everything after this point sees one spelling.

#include <string>
#include <string_view>
#include <vector>

#include "interpreter/document/document.hpp"
#include "stdlib/limits/limits.hpp"

namespace taskguard::loaders {

// Returns nullptr on error (reported in `errors`). Duplicate keys: last wins, with a warning.
// Aliases can make a small YAML file describe an enormous tree: expansion stops at
// limits.yaml_nodes. Tags other than CloudFormation's short forms and YAML's own (!!str ...)
// are read as if absent, with a warning.
document::Node* read_yaml(std::string_view text, document::Arena& arena, const std::string& file,
                          std::vector<document::InputError>& errors,
                          const limits::Limits& limits = {});

}  // namespace taskguard::loaders
