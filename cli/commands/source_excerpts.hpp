#pragma once
// The source lines quoted under findings. Reporters never open files, so the check command reads
// the lines its findings point at, once per file, and masks the values of @sensitive rules.

#include <string>
#include <string_view>
#include <vector>

#include "cli/report/report.hpp"

namespace taskguard::cli {

// Adds to `lines` every line listed outcomes point at in `file`, read from `text` (the file's
// contents; for standard input the text that was read). `text` starts at line `first_line` of
// the file: a run of lines of an NDJSON stream starts further down.
void quote_source_lines(const std::vector<Outcome>& outcomes, const std::string& file,
                        std::string_view text, report::SourceLines& lines,
                        std::uint32_t first_line = 1);

// Replaces the value that starts at 1-based `column` with asterisks, keeping its quotes and the
// line's length so a caret still points at it: "value": "AKIA..." -> "value": "********".
std::string mask_value(std::string line, std::uint32_t column);

}  // namespace taskguard::cli
