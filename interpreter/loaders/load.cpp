#include "interpreter/loaders/load.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <sstream>

#include "interpreter/loaders/extract.hpp"
#include "interpreter/loaders/json_reader.hpp"
#include "interpreter/loaders/yaml_reader.hpp"

namespace taskguard::loaders {

using document::InputError;
using document::LoadedFile;
using document::Node;
using document::SourcePos;

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string_view without_bom(std::string_view text) {
  return text.substr(0, kBom.size()) == kBom ? text.substr(kBom.size()) : text;
}

// std::getline, except that a line longer than `limit` is consumed without being kept: `line`
// holds its first `limit` bytes and `length` its full length, so the caller can refuse it.
// Appends the next line, without its newline, to `text`; `length` is the line's full length.
bool append_line(std::istream& in, std::string& text, std::uint64_t limit, std::uint64_t& length) {
  length = 0;
  // istream::getline scans the stream's buffer for the newline with memchr; a character at a
  // time through the streambuf cost more than parsing the JSON on the line. A line longer than
  // the chunk arrives in pieces; past `limit` it is counted but no longer kept.
  std::array<char, 16 * 1024> chunk;
  for (;;) {
    in.getline(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const auto extracted = static_cast<std::uint64_t>(in.gcount());
    const bool newline = in.good();  // the newline was extracted (and counted)
    const bool chunk_full = in.fail() && !in.eof() && extracted + 1 == chunk.size();
    const std::uint64_t stored = newline ? extracted - 1 : extracted;
    if (length < limit) text.append(chunk.data(), std::min(stored, limit - length));
    length += stored;
    if (newline) return true;
    in.clear();
    if (chunk_full) continue;
    // End of input: a last line without a newline still counts; after it, end of file.
    if (length == 0) in.setstate(std::ios::eofbit);
    return length > 0;
  }
}

// Terraform configuration (HCL) is not an input: only the JSON a plan or state shows is.
bool looks_like_hcl(std::string_view path, std::string_view text) {
  if (ends_with(path, ".tf") || ends_with(path, ".tfvars") || ends_with(path, ".hcl")) return true;
  const std::size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return false;
  const std::string_view head = text.substr(start, 40);
  for (std::string_view keyword : {"resource \"", "variable \"", "provider \"", "module \"",
                                   "data \"", "output \"", "terraform {", "locals {"}) {
    if (head.rfind(keyword, 0) == 0) return true;
  }
  return false;
}

// The first byte that is not valid UTF-8 (overlong forms, surrogates and values past U+10FFFF
// included), or npos. YAML text is checked whole; JSON is checked by its parser as it goes.
std::size_t invalid_utf8_at(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0)
      length = 2, cp = c & 0x1F;
    else if ((c & 0xF0) == 0xE0)
      length = 3, cp = c & 0x0F;
    else if ((c & 0xF8) == 0xF0)
      length = 4, cp = c & 0x07;
    else
      return i;
    if (i + length > text.size()) return i;
    for (std::size_t k = 1; k < length; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    const bool overlong =
        (length == 2 && cp < 0x80) || (length == 3 && cp < 0x800) || (length == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += length;
  }
  return std::string_view::npos;
}

void load_ndjson_lines(std::string_view text, std::uint32_t first_line, LoadedFile& out,
                       const limits::Limits& limits) {
  const document::SharedText file(out.file);
  std::uint32_t line = first_line;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view content = text.substr(start, end - start);
    if (content.size() > limits.ndjson_line_bytes) {
      out.errors.push_back(
          {out.file, {line, 1}, ndjson_line_too_long(content.size(), limits), true});
    } else if (!is_blank(content)) {
      const JsonReadResult r = read_json(content, *out.arena, out.file, out.errors, {line, limits});
      if (r.root != nullptr) {
        ExtractContext ctx{*out.arena, file, line, out};
        extract_task_definitions(r.root, ctx);
      }
    }
    ++line;
    start = end + 1;
  }
}

// Is only whitespace, including a line break, between the value before `offset` and `offset`?
bool starts_new_line(std::string_view text, std::size_t offset) {
  bool newline = false;
  for (std::size_t i = offset; i > 0; --i) {
    const char c = text[i - 1];
    if (c == '\n') {
      newline = true;
    } else if (c != ' ' && c != '\t' && c != '\r') {
      break;
    }
  }
  return newline;
}

void load_json(std::string_view text, LoadedFile& out, const limits::Limits& limits) {
  std::vector<InputError> errors;
  const JsonReadResult r = read_json(text, *out.arena, out.file, errors, {1, limits});
  if (r.root == nullptr && r.first_value_end != 0 && starts_new_line(text, r.first_value_end)) {
    // One complete value, then another on a later line: a stream of values (NDJSON).
    load_ndjson_lines(text, 1, out, limits);
    return;
  }
  out.errors.insert(out.errors.end(), errors.begin(), errors.end());
  if (r.root == nullptr) return;
  const document::SharedText file(out.file);
  ExtractContext ctx{*out.arena, file, 0, out};
  extract_task_definitions(r.root, ctx);
}

void load_yaml(std::string_view text, LoadedFile& out, const limits::Limits& limits) {
  if (const std::size_t bad = invalid_utf8_at(text); bad != std::string_view::npos) {
    out.errors.push_back({out.file, position_of(text, bad), "invalid UTF-8", true});
    return;
  }
  Node* root = read_yaml(text, *out.arena, out.file, out.errors, limits);
  if (root == nullptr) return;
  const document::SharedText file(out.file);
  ExtractContext ctx{*out.arena, file, 0, out};
  extract_task_definitions(root, ctx);
}

LoadedFile empty_file(const std::string& name) {
  LoadedFile f;
  f.file = name;
  f.arena = std::make_shared<document::Arena>();
  return f;
}

LoadedFile refused(const std::string& name, SourcePos pos, std::string message) {
  LoadedFile out = empty_file(name);
  out.errors.push_back({name, pos, std::move(message), true});
  return out;
}

std::string file_too_large(std::uint64_t size, const limits::Limits& limits) {
  return limits::exceeded("input-file-bytes", limits.input_file_bytes,
                          fmt::format("the file is {} bytes", size));
}

// Reads until the end, or until more than `limit` bytes (nullopt). `size` says how many bytes
// were read. `read_some(buffer, n)` reads up to n bytes: how many it read, 0 at the end, -1 on
// an error (then `failed`). `expected`, when known, is read in one call, with one byte more to
// see the end; when `short_means_end`, a call that reads less than it asked for is the end too,
// so a regular file that does not grow is read in a single call.
template <typename ReadSome>
std::optional<std::string> read_at_most(ReadSome read_some, std::uint64_t limit,
                                        std::uint64_t& size, std::uint64_t expected,
                                        bool short_means_end, bool& failed) {
  constexpr std::size_t kBlock = 1 << 16;
  std::string content;
  std::size_t want =
      expected > 0 ? static_cast<std::size_t>(std::min(expected, limit)) + 1 : kBlock;
  for (;;) {
    const std::size_t had = content.size();
    content.resize(had + want);
    const std::ptrdiff_t got = read_some(content.data() + had, want);
    content.resize(had + static_cast<std::size_t>(std::max<std::ptrdiff_t>(got, 0)));
    if (content.size() > limit) {
      size = content.size();
      return std::nullopt;
    }
    if (got < 0) failed = true;
    if (got <= 0 || (short_means_end && static_cast<std::size_t>(got) < want)) break;
    want = kBlock;
  }
  size = content.size();
  return content;
}

// Closes a file descriptor when it goes out of scope.
class OpenFile {
 public:
  explicit OpenFile(int fd) : fd_(fd) {}
  ~OpenFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

// Documents are text: a NUL byte means an image, an archive, a compiled bundle ...
std::size_t binary_byte_at(std::string_view text) {
  return text.substr(0, 1 << 16).find('\0');
}

}  // namespace

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

void end_ndjson_line(NdjsonChunk& chunk, std::size_t start, std::uint64_t length,
                     std::uint32_t line, bool first_of_stream, const std::string& display_name,
                     const limits::Limits& limits) {
  if (length > limits.ndjson_line_bytes) {
    // Left out of the chunk text (an empty line keeps the numbering); reported in its chunk.
    chunk.skipped.push_back({display_name, {line, 1}, ndjson_line_too_long(length, limits), true});
    chunk.text.resize(start);
  } else if (first_of_stream && chunk.text.compare(start, kBom.size(), kBom) == 0) {
    chunk.text.erase(start, kBom.size());
  }
  chunk.text += '\n';
}

std::string ndjson_line_too_long(std::uint64_t length, const limits::Limits& limits) {
  return limits::exceeded("ndjson-line-bytes", limits.ndjson_line_bytes,
                          fmt::format("a line of {} bytes", length));
}

bool is_ndjson_name(std::string_view path) {
  return ends_with(path, ".jsonl") || ends_with(path, ".ndjson");
}

LoadedFile load_text(std::string_view text, const std::string& display_name,
                     const limits::Limits& limits) {
  if (text.size() > limits.input_file_bytes)
    return refused(display_name, {}, file_too_large(text.size(), limits));
  return load_owned_text(std::string(text), display_name, limits);
}

LoadedFile load_owned_text(std::string&& raw_text, const std::string& display_name,
                           const limits::Limits& limits) {
  if (raw_text.size() > limits.input_file_bytes)
    return refused(display_name, {}, file_too_large(raw_text.size(), limits));
  LoadedFile out = empty_file(display_name);
  if (const std::size_t bom = raw_text.size() - without_bom(raw_text).size(); bom > 0)
    raw_text.erase(0, bom);
  out.text = std::make_shared<const std::string>(std::move(raw_text));
  const std::string_view kept = *out.text;
  if (looks_like_hcl(display_name, kept)) {
    out.errors.push_back({display_name,
                          {},
                          "Terraform configuration (HCL) is not a supported input: check the plan "
                          "instead (terraform plan -out plan.bin && terraform show -json plan.bin)",
                          true});
    return out;
  }
  if (is_blank(kept)) {
    out.errors.push_back({display_name, {}, "no content: the file is empty", true});
    return out;
  }
  if (const std::size_t nul = binary_byte_at(kept); nul != std::string_view::npos) {
    out.errors.push_back({display_name, position_of(kept, nul),
                          "binary content (a NUL byte): not a JSON or YAML document", true});
    return out;
  }
  const char first = kept[kept.find_first_not_of(" \t\r\n")];
  if (is_ndjson_name(display_name)) {
    load_ndjson_lines(kept, 1, out, limits);
  } else if (first == '{' || first == '[') {
    load_json(kept, out, limits);
  } else {
    load_yaml(kept, out, limits);
  }
  if (out.task_definitions.size() > limits.task_definitions_per_file) {
    const SourcePos at = out.task_definitions[limits.task_definitions_per_file].root->pos;
    out.task_definitions.clear();
    out.errors.push_back(
        {display_name, at,
         limits::exceeded("task-definitions-per-file", limits.task_definitions_per_file,
                          fmt::format("more than {} task definitions in one file",
                                      limits.task_definitions_per_file)),
         true});
  }
  return out;
}

LoadedFile load_file(const std::string& path, const limits::Limits& limits) {
  std::uint64_t size = 0;
  std::optional<std::string> content;
  if (path == "-") {
    // istream::read reads until it has them all or the input ends: a short read is the end.
    bool failed = false;
    content = read_at_most(
        [](char* buffer, std::size_t n) -> std::ptrdiff_t {
          std::cin.read(buffer, static_cast<std::streamsize>(n));
          return std::cin.bad() ? -1 : static_cast<std::ptrdiff_t>(std::cin.gcount());
        },
        limits.input_file_bytes, size, 0, true, failed);
    if (failed) return refused(path, {}, "cannot read: I/O error");
  } else {
    // Open, stat, read, close: four system calls for a regular file. Its size is known before a
    // byte of it is read, so a huge one is refused at once, and read in one call.
    const OpenFile file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (file.fd() < 0)
      return refused(path, {}, fmt::format("cannot read: {}", std::strerror(errno)));
    struct stat status {};
    const bool stated = ::fstat(file.fd(), &status) == 0;
    if (stated && S_ISDIR(status.st_mode)) return refused(path, {}, "cannot read: a directory");
    // A regular file's size, when it states one (files under /proc say 0, and are read on to
    // their end, as pipes are).
    const bool regular = stated && S_ISREG(status.st_mode);
    const std::uint64_t expected = regular ? static_cast<std::uint64_t>(status.st_size) : 0;
    if (expected > limits.input_file_bytes)
      return refused(path, {}, file_too_large(expected, limits));
    bool failed = false;
    content = read_at_most(
        [&](char* buffer, std::size_t n) -> std::ptrdiff_t {
          for (;;) {
            const ssize_t got = ::read(file.fd(), buffer, n);
            if (got >= 0 || errno != EINTR) return got;
          }
        },
        limits.input_file_bytes, size, expected, expected > 0, failed);
    if (failed) return refused(path, {}, "cannot read: I/O error");
  }
  if (!content) return refused(path, {}, file_too_large(size, limits));
  return load_owned_text(std::move(*content), path, limits);
}

std::size_t read_ndjson_chunks(std::istream& in, const std::string& display_name,
                               ChunkBounds bounds,
                               const std::function<void(NdjsonChunk&&)>& on_chunk,
                               const limits::Limits& limits) {
  if (bounds.lines == 0) bounds.lines = 1;
  std::size_t lines = 0;
  NdjsonChunk chunk;
  std::uint64_t length = 0;
  std::size_t start = 0;  // where the line being read begins in chunk.text
  std::size_t in_chunk = 0;
  auto flush = [&] {
    if (in_chunk == 0) return;
    const std::size_t size = chunk.text.size();
    on_chunk(std::move(chunk));
    chunk = NdjsonChunk{};
    chunk.text.reserve(size);  // the next chunk is likely as long: no regrowing from empty
    chunk.first_line = static_cast<std::uint32_t>(lines + 1);
    in_chunk = 0;
    start = 0;
  };
  while (append_line(in, chunk.text, limits.ndjson_line_bytes, length)) {
    ++lines;
    end_ndjson_line(chunk, start, length, static_cast<std::uint32_t>(lines), lines == 1,
                    display_name, limits);
    start = chunk.text.size();
    if (++in_chunk == bounds.lines || chunk.text.size() >= bounds.bytes) flush();
  }
  flush();
  return lines;
}

LoadedFile load_ndjson_chunk(NdjsonChunk&& chunk, const std::string& display_name,
                             const limits::Limits& limits) {
  LoadedFile out = empty_file(display_name);
  out.text = std::make_shared<const std::string>(std::move(chunk.text));
  out.errors = std::move(chunk.skipped);
  load_ndjson_lines(*out.text, chunk.first_line, out, limits);
  // In line order, lines left out for their length among the others: however a stream is cut
  // into chunks, its errors come out in the same order.
  if (!out.errors.empty()) {
    std::stable_sort(
        out.errors.begin(), out.errors.end(),
        [](const InputError& a, const InputError& b) { return a.pos.line < b.pos.line; });
  }
  return out;
}

std::size_t load_ndjson_stream(std::istream& in, const std::string& display_name,
                               std::size_t batch_lines,
                               const std::function<void(LoadedFile&&)>& on_batch,
                               const limits::Limits& limits) {
  return read_ndjson_chunks(
      in, display_name, {.lines = batch_lines},
      [&](NdjsonChunk&& chunk) {
        on_batch(load_ndjson_chunk(std::move(chunk), display_name, limits));
      },
      limits);
}

}  // namespace taskguard::loaders
