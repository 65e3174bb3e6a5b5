# Every dependency comes from Debian's packages. A missing one stops the configure step
# with the exact package to install, instead of a wall of CMake errors later.
macro(taskguard_require_package name debian_package)
  find_package(${name} ${ARGN} QUIET)
  if(NOT ${name}_FOUND)
    message(FATAL_ERROR "TaskGuard needs ${name}. On Debian: apt-get install ${debian_package}\n"
                        "(or run: bash scripts/dev.sh setup)")
  endif()
endmacro()

taskguard_require_package(pegtl tao-pegtl-dev CONFIG)
taskguard_require_package(nlohmann_json nlohmann-json3-dev CONFIG)
taskguard_require_package(CLI11 libcli11-dev CONFIG)
taskguard_require_package(yaml-cpp libyaml-cpp-dev CONFIG)
taskguard_require_package(fmt libfmt-dev CONFIG)
taskguard_require_package(simdjson libsimdjson-dev CONFIG)
taskguard_require_package(OpenSSL libssl-dev)
find_package(Threads REQUIRED)
if(TASKGUARD_TESTS)
  taskguard_require_package(doctest doctest-dev CONFIG)
endif()

# Debian's RE2 ships a pkg-config file but no CMake package.
find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(RE2 QUIET IMPORTED_TARGET re2)
endif()
if(NOT RE2_FOUND)
  message(FATAL_ERROR "TaskGuard needs RE2. On Debian: apt-get install libre2-dev pkg-config\n"
                      "(or run: bash scripts/dev.sh setup)")
endif()
add_library(taskguard::re2 ALIAS PkgConfig::RE2)
