add_library(taskguard_options INTERFACE)
target_compile_options(taskguard_options INTERFACE -Wall -Wextra -Wpedantic)
# GCC 12 at -O2/-O3 reports impossible overlaps inside libstdc++'s own string concatenation
# (GCC bugs 105329 and 105651): every `"literal" + std::string` in an optimised build warns.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(taskguard_options INTERFACE -Wno-restrict)
endif()
if(TASKGUARD_WERROR)
  target_compile_options(taskguard_options INTERFACE -Werror)
endif()
if(TASKGUARD_SANITIZE)
  target_compile_options(taskguard_options INTERFACE -fsanitize=address,undefined
                                                     -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(taskguard_options INTERFACE -fsanitize=address,undefined)
endif()

# Each module globs its own sources so that adding a file never means editing a shared list.
function(taskguard_module name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  list(FILTER sources EXCLUDE REGEX "/main\\.cpp$")
  add_library(${name} STATIC ${sources})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE taskguard_options)
endfunction()

# Turns a data file into a C++ translation unit exposing `std::string_view <symbol>()`, so the
# binary carries its schema and default pack and never depends on files beside it.
function(taskguard_embed target input symbol)
  set(output ${CMAKE_CURRENT_BINARY_DIR}/embedded_${symbol}.cpp)
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DINPUT=${input} -DOUTPUT=${output} -DSYMBOL=${symbol}
            -P ${PROJECT_SOURCE_DIR}/cmake/Embed.cmake
    DEPENDS ${input} ${PROJECT_SOURCE_DIR}/cmake/Embed.cmake
    COMMENT "Embedding ${input}")
  target_sources(${target} PRIVATE ${output})
endfunction()
