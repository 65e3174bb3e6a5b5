// Command-line paths → the files to load. Directory walks are sorted so that every run reports
// in the same order, and remember the directories they entered so a symbolic-link loop ends.

#include <fmt/core.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

#include "interpreter/loaders/load.hpp"

namespace taskguard::loaders {

namespace fs = std::filesystem;
using document::InputError;

namespace {

bool has_input_extension(const fs::path& p) {
  static const char* const extensions[] = {".json",     ".yaml",  ".yml",
                                           ".template", ".jsonl", ".ndjson"};
  const std::string ext = p.extension().string();
  return std::find(std::begin(extensions), std::end(extensions), ext) != std::end(extensions);
}

class Walker {
 public:
  Walker(std::vector<std::string>& files, std::vector<InputError>& errors)
      : files_(files), errors_(errors) {}

  void directory(const fs::path& dir) {
    std::error_code ec;
    const fs::path identity = fs::canonical(dir, ec);
    if (ec) {
      errors_.push_back(
          {dir.string(), {}, fmt::format("cannot read directory: {}", ec.message()), true});
      return;
    }
    if (!entered_.insert(identity).second) {
      errors_.push_back({dir.string(),
                         {},
                         "symbolic-link loop: this directory was already visited; skipped",
                         false});
      return;
    }
    // An entry knows its type from the directory listing: only symbolic links (and file
    // systems that do not say) cost a stat of their own.
    std::vector<fs::directory_entry> entries;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
      entries.push_back(*it);
    if (ec) {
      errors_.push_back(
          {dir.string(), {}, fmt::format("cannot read directory: {}", ec.message()), true});
      return;
    }
    // Entries of one directory differ only in their last component, so comparing the whole
    // strings gives fs::path's order without its component-by-component walk.
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.path().native() < b.path().native(); });
    for (const fs::directory_entry& entry : entries) {
      std::error_code type_ec;
      const bool is_directory = entry.is_directory(type_ec);  // follows symbolic links
      const bool is_file = !type_ec && !is_directory && entry.is_regular_file(type_ec);
      if (type_ec) {
        // A link that points at itself (or round a cycle of links) is reported; a dangling link
        // in a tree is not something the user asked to check.
        if (type_ec == std::errc::too_many_symbolic_link_levels) {
          errors_.push_back({entry.path().string(),
                             {},
                             "symbolic-link loop: the link cannot be resolved; skipped",
                             false});
        }
        continue;
      }
      if (is_directory) {
        directory(entry.path());
      } else if (is_file && has_input_extension(entry.path())) {
        files_.push_back(entry.path().string());
      }
    }
  }

 private:
  std::vector<std::string>& files_;
  std::vector<InputError>& errors_;
  std::set<fs::path> entered_;
};

}  // namespace

std::vector<std::string> expand_inputs(const std::vector<std::string>& paths,
                                       std::vector<InputError>& errors) {
  std::vector<std::string> files;
  Walker walker(files, errors);
  for (const std::string& path : paths) {
    if (path == "-") {
      files.push_back(path);
      continue;
    }
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      errors.push_back({path, {}, "no such file or directory", true});
    } else if (fs::is_directory(status)) {
      walker.directory(path);
    } else {
      files.push_back(path);
    }
  }
  return files;
}

}  // namespace taskguard::loaders
