// End-to-end tests of `taskguard fmt`: the built binary rewriting real files in a scratch folder.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "cli_runner.hpp"

using taskguard::e2e::read_file;
using taskguard::e2e::Run;
using taskguard::e2e::run_cli;
using taskguard::e2e::scratch_dir;
using taskguard::e2e::shell;

namespace {

// Valid, but laid out by hand: odd spacing, one-line annotations, a comment to keep.
const std::string kMessy = R"(package   acme.fmt
@id("ACME-FMT-1") @title("No privileged containers") @severity(high)
rule   no-privileged{
  for c in task.containerDefinitions   # every container
  deny c.privileged==true
  message "container '{c.name}' is privileged"
}
)";

void write(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace

TEST_SUITE("e2e") {
  TEST_CASE("fmt --check names the files that would change; fmt rewrites them, comments kept") {
    const std::string dir = scratch_dir();
    std::filesystem::create_directories(dir + "/nested");
    write(dir + "/nested/messy.tg", kMessy);

    const Run check = run_cli("fmt --check .", dir);
    CHECK(check.exit_code == 1);
    CHECK(check.out == "would reformat ./nested/messy.tg\n");
    CHECK(read_file(dir + "/nested/messy.tg") == kMessy);  // --check changes nothing

    const Run rewrite = run_cli("fmt .", dir);
    CHECK_MESSAGE(rewrite.exit_code == 0, rewrite.err);
    CHECK(rewrite.out == "formatted ./nested/messy.tg\n");
    const std::string formatted = read_file(dir + "/nested/messy.tg");
    CHECK(formatted != kMessy);
    CHECK(formatted.find("# every container") != std::string::npos);
    CHECK(formatted.find("package acme.fmt\n") == 0);
    CHECK(formatted.find("deny c.privileged == true") != std::string::npos);

    // Idempotent: a second run finds nothing to do, and stdin gives the same text.
    const Run again = run_cli("fmt --check .", dir);
    CHECK(again.exit_code == 0);
    CHECK(again.out.empty());
    const Run piped = shell("'" + std::string(TASKGUARD_BINARY) + "' fmt - < nested/messy.tg", dir);
    CHECK(piped.exit_code == 0);
    CHECK(piped.out == formatted);
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("fmt refuses a file that does not parse, with its position, and leaves it alone") {
    const std::string dir = scratch_dir();
    const std::string broken = "rule r {\n  deny\n}\n";
    write(dir + "/broken.tg", broken);
    const Run run = run_cli("fmt broken.tg", dir);
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("broken.tg:3:1") != std::string::npos);
    CHECK(read_file(dir + "/broken.tg") == broken);
    CHECK(run_cli("fmt missing.tg", dir).exit_code == 2);
    std::filesystem::remove_all(dir);
  }
}
