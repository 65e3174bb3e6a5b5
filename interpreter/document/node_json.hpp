#pragma once
// Canonical documents written back as JSON (`taskguard normalize`, test fixtures). An unknown
// value is written as {"$unknown": "<reason>"}; numbers that are whole print without a fraction.

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "interpreter/document/node.hpp"

namespace taskguard::document {

void write_json(const Node& node, std::string& out);
void write_json_string(std::string_view text, std::string& out);

// Every node under `root` with its RFC 6901 pointer, in document order (the root itself is "").
void for_each_node(const Node& root,
                   const std::function<void(const std::string& pointer, const Node&)>& visit);

}  // namespace taskguard::document
