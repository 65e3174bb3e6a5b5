#include "cli/process/allocator_tuning.hpp"

// <malloc.h> first: it is what defines __GLIBC__ (through <features.h>) for the test below.
#if __has_include(<malloc.h>)
#include <malloc.h>
#endif

namespace taskguard::cli {

void tune_allocator() {
#if defined(__GLIBC__)
  // Blocks up to 32 MiB (glibc's ceiling for this setting) come from the heap, not from mmap;
  // the heap is trimmed only when 64 MiB lie free at its top, and grows 16 MiB at a time. The
  // memory a run holds stays what its batches need (peak RSS is measured in bench/), but it is
  // recycled instead of being returned and faulted in again.
  mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
  mallopt(M_TOP_PAD, 16 * 1024 * 1024);
#endif
}

}  // namespace taskguard::cli
