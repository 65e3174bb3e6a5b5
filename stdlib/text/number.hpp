#pragma once
// to_number: the strict reading of a number written as text ("512", "0.25", "-1e3"), as task
// definitions often carry numbers in strings (cpu, memory, log option values).

#include <optional>
#include <string_view>

namespace taskguard::text {

// The value of a decimal number with optional sign, fraction and exponent, surrounded by
// optional ASCII whitespace. Anything else (empty, hex, "inf", "nan", trailing text, a value
// outside the range of a double) is nullopt, never a partial parse.
std::optional<double> to_number(std::string_view s);

}  // namespace taskguard::text
