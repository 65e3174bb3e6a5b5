#include <doctest/doctest.h>

#include <cstdlib>

#include "cli/process/allocator_tuning.hpp"

#if __has_include(<malloc.h>)
#include <malloc.h>
#endif

// The sanitizers bring their own allocator, which ignores mallopt and keeps no glibc statistics.
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
TEST_SUITE("cli") {
  TEST_CASE("allocator: after tuning, a batch-sized block comes from the heap, not from mmap") {
    taskguard::cli::tune_allocator();
    // glibc's default threshold is 128 KiB; a batch's arena asks for megabytes at a time.
    const auto mapped_before = mallinfo2().hblks;
    void* block = std::malloc(4 * 1024 * 1024);
    REQUIRE(block != nullptr);
    CHECK(mallinfo2().hblks == mapped_before);
    std::free(block);
  }
}
#endif
