# cmake -DROOT=dir -DFILES=policies/a.tg,policies/b.tg -DOUTPUT=file.cpp -P EmbedPackSources.cmake
# Writes `taskguard::embedded::default_pack_sources()`: (file, text) of every pack source, so
# that user policies can `import taskguard.<package>` from the binary alone.
string(REPLACE "," ";" FILES "${FILES}")
set(arrays "")
set(entries "")
set(index 0)
foreach(file IN LISTS FILES)
  file(READ ${ROOT}/${file} content HEX)
  string(LENGTH "${content}" hex_length)
  math(EXPR byte_count "${hex_length} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
  string(REGEX REPLACE "(('\\\\x[0-9a-f][0-9a-f]',){32})" "\\1\n" bytes "${bytes}")
  string(APPEND arrays "const char text${index}[] = {\n${bytes}'\\0'};\n")
  string(APPEND entries "    {\"${file}\", {text${index}, ${byte_count}}},\n")
  math(EXPR index "${index} + 1")
endforeach()
file(WRITE ${OUTPUT}.tmp
"// Generated from the policy pack's sources; do not edit.\n"
"#include <span>\n#include <string_view>\n#include <utility>\n"
"namespace taskguard::embedded {\nnamespace {\n${arrays}}  // namespace\n"
"std::span<const std::pair<std::string_view, std::string_view>> default_pack_sources() {\n"
"  static const std::pair<std::string_view, std::string_view> sources[] = {\n${entries}  };\n"
"  return sources;\n}\n}  // namespace taskguard::embedded\n")
# Only touch the output when it changed, so an unrelated reconfigure rebuilds nothing.
configure_file(${OUTPUT}.tmp ${OUTPUT} COPYONLY)
