#pragma once
// Shortest round-trip text of a double, and its parse, as std::to_chars / std::from_chars
// do. libc++ lacks the floating-point overloads before release 14 (to_chars; and on
// Apple platforms it is only usable from macOS 13.3) and 20 (from_chars), so on such a
// library these fall back to printf/strtod in the "C" locale, with the same results.

#include <system_error>

namespace host_exporter {

struct DoubleCharsResult {
  char* ptr;
  std::errc ec;
};

// Writes the shortest text that reads back as `value` (finite), choosing fixed or
// scientific notation as std::to_chars does (the shorter; fixed on a tie).
DoubleCharsResult write_shortest_double(char* first, char* last, double value);

struct ParsedDouble {
  const char* ptr;
  std::errc ec;  // result_out_of_range on overflow and underflow, as from_chars
};

// Parses a decimal number in from_chars' "general" format (no leading '+' or spaces).
ParsedDouble parse_double(const char* first, const char* last, double& value);

// The printf/strtod implementations, always built so that tests compare them with
// std::to_chars / std::from_chars where those exist.
DoubleCharsResult write_shortest_double_fallback(char* first, char* last, double value);
ParsedDouble parse_double_fallback(const char* first, const char* last, double& value);

}  // namespace host_exporter
