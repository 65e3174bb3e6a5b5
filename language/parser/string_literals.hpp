#pragma once
// Turning the text of a literal, as written between its delimiters, into its value. The grammar
// has already rejected malformed escapes, so these never fail.

#include <string>
#include <string_view>

namespace taskguard::parser {

// `\"` `\\` `\/` `\n` `\t` `\r` `\uXXXX` (UTF-8 encoded).
std::string decode_string(std::string_view written);
// Message text additionally folds `{{` to `{` and `}}` to `}`.
std::string decode_message_text(std::string_view written);
// A regex keeps RE2's own escapes; only `\/` (the delimiter) loses its backslash.
std::string decode_regex(std::string_view written);

// The inverse operations, for the formatter.
std::string encode_string(std::string_view value);
std::string encode_message_text(std::string_view value);
std::string encode_regex(std::string_view pattern);

}  // namespace taskguard::parser
