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
find_package(Threads REQUIRED)
if(TASKGUARD_TESTS)
  taskguard_require_package(doctest doctest-dev CONFIG)
endif()

# For libraries Debian ships with a pkg-config file but no CMake package: an imported target
# taskguard::<alias>, or the same message as above.
find_package(PkgConfig QUIET)
macro(taskguard_require_pkg_config alias module debian_package)
  if(PkgConfig_FOUND)
    pkg_check_modules(${alias}_PC QUIET IMPORTED_TARGET ${module})
  endif()
  if(NOT ${alias}_PC_FOUND)
    message(FATAL_ERROR "TaskGuard needs ${module}. On Debian: apt-get install ${debian_package} pkg-config\n"
                        "(or run: bash scripts/dev.sh setup)")
  endif()
  add_library(taskguard::${alias} ALIAS PkgConfig::${alias}_PC)
endmacro()

taskguard_require_pkg_config(re2 re2 libre2-dev)
# Bundle digests (SHA-256). libsodium rather than OpenSSL's libcrypto: loading libcrypto and
# fetching a digest from its providers took about 4 ms and 175 page faults of every run.
taskguard_require_pkg_config(sodium libsodium libsodium-dev)
