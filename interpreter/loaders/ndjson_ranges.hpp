#pragma once
// A regular NDJSON file read a range of bytes at a time, each range by the thread that loads it.
//
// Cut as a stream (read_ndjson_chunks), every byte of a file is copied twice by the thread that
// cuts it, and the text then crosses to the core of the thread that parses it. A regular file
// can instead be cut by offsets alone: the cutting thread names byte ranges without reading
// them, and each range's loader reads its own bytes, next to the parser that needs them.
//
// A range holds the lines that begin in it: the first line of a range usually began in the
// previous one, and its last line runs on past its end. Only the line numbers are sequential:
// each range counts its newlines and passes the running total on to the next range, which waits
// for it after reading and cutting its own lines (by then the previous range is done too, unless
// both were started together). Ranges must therefore be read in a sequence of threads that take
// them in order, as OrderedWorkers hands them out.

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "interpreter/loaders/load.hpp"
#include "stdlib/limits/limits.hpp"

namespace taskguard::loaders {

class NdjsonRanges {
 public:
  // The file open for reading by ranges; nullptr when it is not a regular file with a size
  // (a pipe, a device, a /proc file, or one that cannot be opened): read it as a stream, which
  // says why it cannot be read.
  static std::shared_ptr<NdjsonRanges> open(const std::string& path);
  ~NdjsonRanges();
  NdjsonRanges(const NdjsonRanges&) = delete;
  NdjsonRanges& operator=(const NdjsonRanges&) = delete;

  struct Range {
    std::uint64_t index = 0;  // 0, 1, 2 ... in file order
    std::uint64_t begin = 0;  // offsets in the file
    std::uint64_t end = 0;
  };

  // The file's size when it was opened: the ranges cover [0, size()).
  std::uint64_t size() const { return size_; }

  // The next range, starting where the last one ended (call on one thread, in order; none past
  // the end). Its length aims at `lines` lines, by the length of the lines read so far (before
  // any range is counted, of those in the file's first 16 KiB), at most `bytes` and at least
  // 1 KiB (unless `bytes` is less): a byte bound alone would put a thousand very short
  // documents, and their outcomes, in one job.
  Range next_range(std::size_t lines, std::size_t bytes);
  bool done() const { return cut_ == size_; }

  // The lines that begin in `range`, as a chunk of a stream: each line ending in '\n', a line
  // longer than limits.ndjson_line_bytes left out (an empty line keeps the numbering) with an
  // error in `skipped`, the byte-order mark of line 1 dropped; an I/O error is in `skipped` too.
  // The last range also says when the whole file held nothing but blank lines.
  NdjsonChunk read(const Range& range, const std::string& display_name,
                   const limits::Limits& limits);

 private:
  NdjsonRanges(int fd, std::uint64_t size);

  struct Published;  // the running totals passed from range to range
  // Waits until every range before `index` is counted, then adds this one's newlines and
  // whether it held content; returns the newlines before this range and whether any range
  // before it held content.
  std::pair<std::uint64_t, bool> pass_on(std::uint64_t index, std::uint64_t newlines,
                                         std::uint64_t bytes, bool content);

  int fd_;
  std::uint64_t size_;
  // The cutting thread's: where the next range begins, how many were cut, and what the file's
  // first bytes held (the length of its lines until ranges are counted).
  std::uint64_t cut_ = 0;
  std::uint64_t ranges_cut_ = 0;
  std::uint64_t sample_bytes_ = 0;
  std::uint64_t sample_newlines_ = 0;
  std::unique_ptr<Published> published_;
};

}  // namespace taskguard::loaders
