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
    std::vector<fs::path> entries;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
      entries.push_back(it->path());
    if (ec) {
      errors_.push_back(
          {dir.string(), {}, fmt::format("cannot read directory: {}", ec.message()), true});
      return;
    }
    std::sort(entries.begin(), entries.end());
    for (const fs::path& entry : entries) {
      std::error_code type_ec;
      const fs::file_status status = fs::status(entry, type_ec);  // follows symbolic links
      if (type_ec) {
        // A link that points at itself (or round a cycle of links) is reported; a dangling link
        // in a tree is not something the user asked to check.
        if (type_ec == std::errc::too_many_symbolic_link_levels) {
          errors_.push_back({entry.string(),
                             {},
                             "symbolic-link loop: the link cannot be resolved; skipped",
                             false});
        }
        continue;
      }
      if (fs::is_directory(status)) {
        directory(entry);
      } else if (fs::is_regular_file(status) && has_input_extension(entry)) {
        files_.push_back(entry.string());
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
