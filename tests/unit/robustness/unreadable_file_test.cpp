// An input the process may not read. Root reads any file whatever its mode, and CI runs as
// root, so there the check runs as the unprivileged user `nobody` through setpriv(1): the case is
// exercised on every machine that has util-linux, not only on developers' accounts.

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/e2e/cli_runner.hpp"

using taskguard::e2e::Run;
using taskguard::e2e::scratch_dir;
using taskguard::e2e::shell;

TEST_SUITE("robustness") {
  TEST_CASE("an unreadable input is an input error with its reason; the others are checked") {
    const std::string prefix =
        geteuid() != 0 ? std::string()
                       : "setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all ";
    if (geteuid() == 0 && shell("command -v setpriv").exit_code != 0) {
      MESSAGE("running as root without setpriv: skipped");
      return;
    }
    const std::string dir = scratch_dir();
    std::filesystem::permissions(dir, std::filesystem::perms(0755));
    std::filesystem::copy_file(
        std::string(TASKGUARD_SOURCE_DIR) + "/examples/api/clean-web-service.json",
        dir + "/readable.json");
    std::ofstream(dir + "/unreadable.json") << "{}";
    chmod((dir + "/unreadable.json").c_str(), 0);
    chmod((dir + "/readable.json").c_str(), 0644);

    const Run run = shell(prefix + "'" + TASKGUARD_BINARY +
                              "' check --format json --fail-on never unreadable.json readable.json",
                          dir);
    // As `nobody`, the binary itself may be out of reach (a checkout under /root): 126/127.
    if (geteuid() == 0 && (run.exit_code == 126 || run.exit_code == 127 ||
                           run.err.find("setpriv") != std::string::npos)) {
      MESSAGE("cannot run the binary as nobody here (" << run.err << "): skipped");
      std::filesystem::remove_all(dir);
      return;
    }
    CHECK_MESSAGE(run.exit_code == 3, run.err);
    const auto report = nlohmann::json::parse(run.out, nullptr, false);
    REQUIRE_MESSAGE(!report.is_discarded(), run.out << run.err);
    REQUIRE(report["errors"].size() == 1);
    CHECK(report["errors"][0]["file"] == "unreadable.json");
    CHECK(report["errors"][0]["message"] == "cannot read: Permission denied");
    bool readable_checked = false;
    for (const auto& o : report["outcomes"])
      readable_checked = readable_checked || o["file"] == "readable.json";
    CHECK(readable_checked);
    std::filesystem::remove_all(dir);
  }
}
