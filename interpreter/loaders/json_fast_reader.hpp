#pragma once
// The fast path for well-formed JSON: simdjson's On-Demand parser builds the same tree, with the
// same positions, as the nlohmann reader in json_reader.cpp, at a fraction of the cost. It
// declines anything that would need a diagnostic (malformed text, duplicate keys, a limit,
// trailing content, a number out of range): read_json then reads the text again the careful way
// and reports exactly what it always reported. Only well-formed input ever takes this path.

#include <string_view>

#include "interpreter/document/document.hpp"
#include "interpreter/loaders/json_reader.hpp"

namespace taskguard::loaders {

// The root of the tree, or nullptr when the fast path declines (nothing is reported; nodes it
// made before declining stay unused in the arena).
document::Node* read_json_fast(std::string_view text, document::Arena& arena,
                               const JsonReadOptions& options);

}  // namespace taskguard::loaders
