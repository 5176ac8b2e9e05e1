#include "cli/human_units.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>

namespace host_exporter::cli {

std::string human_bytes(double bytes) {
  static constexpr const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
  if (!std::isfinite(bytes)) return "? B";
  std::size_t unit = 0;
  while (std::fabs(bytes) >= 1024 && unit + 1 < std::size(kUnits)) {
    bytes /= 1024;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, unit == 0 ? "%.0f %s" : "%.1f %s", bytes, kUnits[unit]);
  return text;
}

std::string human_rate(double bytes_per_second) { return human_bytes(bytes_per_second) + "/s"; }

std::string human_percent(double ratio, bool decimals) {
  if (!std::isfinite(ratio)) return "?%";
  char text[16];
  // btop rounds with round() (half away from zero); printf alone would round half to even.
  std::snprintf(text, sizeof text, decimals ? "%.1f%%" : "%.0f%%",
                decimals ? ratio * 100 : std::round(ratio * 100));
  return text;
}

std::string human_span(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "?";
  const auto total = static_cast<long long>(seconds);
  const long long days = total / 86400, hours = total % 86400 / 3600, minutes = total % 3600 / 60;
  char text[48];
  if (days > 0) {
    std::snprintf(text, sizeof text, "%lldd %lldh", days, hours);
  } else if (hours > 0) {
    std::snprintf(text, sizeof text, "%lldh %lldm", hours, minutes);
  } else if (minutes > 0) {
    std::snprintf(text, sizeof text, "%lldm", minutes);
  } else {
    std::snprintf(text, sizeof text, "%llds", total);
  }
  return text;
}

std::string text_meter(double ratio, std::size_t width) {
  const double clamped = std::isfinite(ratio) ? std::clamp(ratio, 0.0, 1.0) : 0.0;
  const auto filled = static_cast<std::size_t>(std::lround(clamped * static_cast<double>(width)));
  return "[" + std::string(filled, '#') + std::string(width - filled, ' ') + "]";
}

}  // namespace host_exporter::cli
