#include "text/duration.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

#include "metrics/double_chars.hpp"

namespace host_exporter::text {

namespace {

struct Unit {
  std::string_view name;
  double nanoseconds;
};
// The longest name that matches wins, so "ms" is not read as "m" then "s".
constexpr Unit kUnits[] = {{"ns", 1.0}, {"us", 1e3}, {"\xC2\xB5s", 1e3}, {"ms", 1e6},
                           {"s", 1e9},  {"m", 60e9}, {"h", 3600e9}};

}  // namespace

std::optional<std::chrono::nanoseconds> parse_duration(std::string_view text) {
  if (text == "0") return std::chrono::nanoseconds(0);
  if (text.empty()) return std::nullopt;
  double total = 0;
  while (!text.empty()) {
    // Digits and a dot only: from_chars alone would also take "-", "inf" and "nan".
    std::size_t length = 0;
    while (length < text.size() && (std::isdigit(static_cast<unsigned char>(text[length])) || text[length] == '.')) {
      ++length;
    }
    if (length == 0) return std::nullopt;
    double number = 0;
    // parse_double: libc++ before 20 has no floating-point from_chars (macOS).
    const auto [end, ec] = parse_double(text.data(), text.data() + length, number);
    if (ec != std::errc() || end != text.data() + length) return std::nullopt;
    text.remove_prefix(length);
    const Unit* unit = nullptr;
    for (const Unit& candidate : kUnits) {
      if (text.starts_with(candidate.name) && (unit == nullptr || candidate.name.size() > unit->name.size())) {
        unit = &candidate;
      }
    }
    if (unit == nullptr) return std::nullopt;
    text.remove_prefix(unit->name.size());
    total += number * unit->nanoseconds;
  }
  // Go refuses what does not fit an int64 of nanoseconds; so do we.
  if (!std::isfinite(total) || total >= static_cast<double>(std::numeric_limits<std::int64_t>::max())) {
    return std::nullopt;
  }
  return std::chrono::nanoseconds(static_cast<std::chrono::nanoseconds::rep>(std::llround(total)));
}

}  // namespace host_exporter::text
