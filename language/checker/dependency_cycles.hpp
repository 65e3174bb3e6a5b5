#pragma once
// Policies are total: no function or constant may depend on itself, directly or through others.

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace taskguard::checker {

// Nodes 0..n-1, edges[i] = nodes i refers to. Returns each cycle once, as the node sequence
// from its first node back to it (e.g. {f, g, f}).
std::vector<std::vector<std::uint32_t>> find_cycles(
    const std::vector<std::set<std::uint32_t>>& edges);

}  // namespace taskguard::checker
