#pragma once
// The public entry points of the loaders: which files to read, and reading them. Every input
// shape (register JSON, describe output, CloudFormation JSON/YAML, Terraform plan JSON, NDJSON)
// comes out as canonical task definitions in the API shape; docs/inputs.md is the reference.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <istream>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/document/document.hpp"
#include "stdlib/limits/limits.hpp"

namespace taskguard::loaders {

// Files and directories named on the command line → the files to load, in a stable order.
// Directories are walked recursively (sorted by name; symbolic-link loops are detected) and
// contribute files ending in .json .yaml .yml .template .jsonl .ndjson; files named explicitly
// are always taken, and "-" (standard input) passes through. Paths that do not exist or cannot
// be read are reported in `errors` (fatal) and left out.
std::vector<std::string> expand_inputs(const std::vector<std::string>& paths,
                                       std::vector<document::InputError>& errors);

// Reads and loads one file ("-" = standard input). Never throws: problems are in .errors, and a
// file that cannot be read or parsed, or goes past one of `limits`, has a fatal error and no task
// definitions.
document::LoadedFile load_file(const std::string& path, const limits::Limits& limits = {});

// Loads text already in memory; `display_name` is what errors and origins call it. Its extension
// (.jsonl / .ndjson) selects line-by-line reading; otherwise the content decides.
document::LoadedFile load_text(std::string_view text, const std::string& display_name,
                               const limits::Limits& limits = {});
// The same, keeping `text` itself as the file's text rather than a copy of it.
document::LoadedFile load_owned_text(std::string&& text, const std::string& display_name,
                                     const limits::Limits& limits = {});

// A run of lines of an NDJSON stream, read but not yet parsed: reading a stream is cheap and
// sequential, parsing it is neither, so `check -j N` reads on one thread and parses on many.
struct NdjsonChunk {
  std::string text;                           // the lines, each ending in '\n'
  std::uint32_t first_line = 1;               // line number of text's first line
  std::vector<document::InputError> skipped;  // lines left out for their length
};

// Where a chunk ends: after `lines` lines, or after the line that brings its text to `bytes`,
// whichever comes first. A bound in bytes keeps the memory a chunk takes (its text, its tree,
// its outcomes) about the same whether the stream holds small or large documents.
struct ChunkBounds {
  std::size_t lines = 1;
  std::size_t bytes = std::numeric_limits<std::size_t>::max();
};

// Reads the stream a chunk at a time, handing each to `on_chunk`. A line longer than
// limits.ndjson_line_bytes is skipped unread (an empty line in the chunk keeps the numbering, an
// error in `skipped` says why), so memory stays bounded; the stream as a whole has no size limit.
// Returns the number of lines read.
std::size_t read_ndjson_chunks(std::istream& in, const std::string& display_name,
                               ChunkBounds bounds,
                               const std::function<void(NdjsonChunk&&)>& on_chunk,
                               const limits::Limits& limits = {});

// Loads one chunk into its own LoadedFile (own arena and text). Blank lines are skipped; a bad
// line is reported and the others load.
document::LoadedFile load_ndjson_chunk(NdjsonChunk&& chunk, const std::string& display_name,
                                       const limits::Limits& limits = {});

// Both of the above, one chunk after the other, on the calling thread.
std::size_t load_ndjson_stream(std::istream& in, const std::string& display_name,
                               std::size_t batch_lines,
                               const std::function<void(document::LoadedFile&&)>& on_batch,
                               const limits::Limits& limits = {});

// Why a line of `length` bytes is left out of a stream.
std::string ndjson_line_too_long(std::uint64_t length, const limits::Limits& limits);

// Ends a line of a stream that was appended to chunk.text from `start`, without its newline
// (`length` is its full length; past limits.ndjson_line_bytes only its first bytes need be
// there): a line over the limit is taken out again, an empty line keeping the numbering, with
// an error at `line` in chunk.skipped; the stream's first line loses its byte-order mark. Then
// the newline. Every reader of NDJSON streams ends its lines here, so they agree.
void end_ndjson_line(NdjsonChunk& chunk, std::size_t start, std::uint64_t length,
                     std::uint32_t line, bool first_of_stream, const std::string& display_name,
                     const limits::Limits& limits);

// Only JSON whitespace (spaces, tabs, line breaks), or nothing.
bool is_blank(std::string_view text);

// True when the name says the content is one JSON value per line (.jsonl, .ndjson).
bool is_ndjson_name(std::string_view path);

}  // namespace taskguard::loaders
