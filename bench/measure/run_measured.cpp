// Runs one command and reports its wall-clock time, CPU time, peak resident set and exit code.
//
//   tg_bench_measure REPORT_FILE COMMAND [ARG...]
//
// writes "seconds=<s> cpu_seconds=<s> peak_rss_kib=<n> exit=<code>" to REPORT_FILE (CPU time
// is user plus system time of the command and its threads); standard input, output and
// error pass through to the command. Why a program of its own: Linux keeps a process's
// high-water mark across exec, so a command started by the (Python) runner would report at
// least the runner's resident size, tens of MiB; started from this small process, the floor is
// this process's few MiB.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: tg_bench_measure REPORT_FILE COMMAND [ARG...]\n");
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  const pid_t child = fork();
  if (child < 0) {
    std::fprintf(stderr, "tg_bench_measure: fork: %s\n", std::strerror(errno));
    return 2;
  }
  if (child == 0) {
    execvp(argv[2], argv + 2);
    std::fprintf(stderr, "tg_bench_measure: %s: %s\n", argv[2], std::strerror(errno));
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  while (wait4(child, &status, 0, &usage) < 0) {
    if (errno != EINTR) {
      std::fprintf(stderr, "tg_bench_measure: wait4: %s\n", std::strerror(errno));
      return 2;
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::FILE* report = std::fopen(argv[1], "w");
  if (report == nullptr) {
    std::fprintf(stderr, "tg_bench_measure: cannot write %s\n", argv[1]);
    return 2;
  }
  const auto to_seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  const double cpu_seconds = to_seconds(usage.ru_utime) + to_seconds(usage.ru_stime);
  std::fprintf(report, "seconds=%.6f cpu_seconds=%.6f peak_rss_kib=%ld exit=%d\n", seconds,
               cpu_seconds, usage.ru_maxrss, code);
  std::fclose(report);
  return code;
}
