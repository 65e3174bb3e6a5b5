#include "language/checker/dependency_cycles.hpp"

#include <algorithm>

namespace taskguard::checker {
namespace {

enum class Mark : unsigned char { Unvisited, OnPath, Done };

struct CycleFinder {
  const std::vector<std::set<std::uint32_t>>& edges;
  std::vector<Mark> marks;
  std::vector<std::uint32_t> path;
  std::vector<std::vector<std::uint32_t>> cycles;

  void visit(std::uint32_t node) {
    marks[node] = Mark::OnPath;
    path.push_back(node);
    for (std::uint32_t next : edges[node]) {
      if (marks[next] == Mark::OnPath) {
        auto start = std::find(path.begin(), path.end(), next);
        std::vector<std::uint32_t> cycle(start, path.end());
        cycle.push_back(next);
        cycles.push_back(std::move(cycle));
      } else if (marks[next] == Mark::Unvisited) {
        visit(next);
      }
    }
    path.pop_back();
    marks[node] = Mark::Done;
  }
};

}  // namespace

std::vector<std::vector<std::uint32_t>> find_cycles(
    const std::vector<std::set<std::uint32_t>>& edges) {
  CycleFinder finder{edges, std::vector<Mark>(edges.size(), Mark::Unvisited), {}, {}};
  for (std::uint32_t node = 0; node < edges.size(); ++node) {
    if (finder.marks[node] == Mark::Unvisited) finder.visit(node);
  }
  return finder.cycles;
}

}  // namespace taskguard::checker
