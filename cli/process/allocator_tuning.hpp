#pragma once
// How the process asks the C library for memory. Each NDJSON batch is read into an arena of a
// few megabytes that is freed when the batch has been reported; left to its defaults, glibc
// hands such blocks back to the kernel and asks for fresh, zero-filled pages for the next batch:
// a page fault per 4 KiB, over a hundred thousand for 20,000 task definitions, and a fifth of
// the run. Keeping freed blocks in the heap makes the next batch reuse them.

namespace taskguard::cli {

// Call once, first thing in main. Does nothing where the C library is not glibc.
void tune_allocator();

}  // namespace taskguard::cli
