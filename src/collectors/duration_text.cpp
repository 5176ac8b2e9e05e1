#include "collectors/duration_text.hpp"

#include <charconv>

namespace host_exporter::collectors {

namespace {
struct Unit {
  std::string_view name;
  double nanoseconds;
};
// The longest name that matches wins, so "ms" is not read as "m" then "s".
constexpr Unit kUnits[] = {{"ns", 1.0},   {"us", 1e3},  {"\xC2\xB5s", 1e3}, {"ms", 1e6},
                           {"s", 1e9},    {"m", 60e9},  {"h", 3600e9}};
}  // namespace

std::optional<std::chrono::nanoseconds> parse_duration(std::string_view text) {
  if (text == "0") return std::chrono::nanoseconds(0);
  if (text.empty()) return std::nullopt;
  double total = 0;
  while (!text.empty()) {
    double number = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number,
                                           std::chars_format::fixed);
    if (ec != std::errc() || number < 0) return std::nullopt;
    text.remove_prefix(static_cast<std::size_t>(end - text.data()));
    const Unit* unit = nullptr;
    for (const Unit& candidate : kUnits) {
      if (text.substr(0, candidate.name.size()) == candidate.name &&
          (unit == nullptr || candidate.name.size() > unit->name.size())) {
        unit = &candidate;
      }
    }
    if (unit == nullptr) return std::nullopt;
    text.remove_prefix(unit->name.size());
    total += number * unit->nanoseconds;
  }
  return std::chrono::nanoseconds(static_cast<std::chrono::nanoseconds::rep>(total));
}

}  // namespace host_exporter::collectors
