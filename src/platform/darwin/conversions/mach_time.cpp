#include "platform/darwin/conversions/mach_time.hpp"

#include <limits>

namespace host_exporter::platform::darwin {

namespace {
constexpr std::uint64_t kNanosecondsPerSecond = 1'000'000'000;
}

std::uint64_t mach_ticks_to_nanoseconds(std::uint64_t ticks, std::uint64_t ticks_per_second) {
  if (ticks_per_second == 0) return 0;
  // Whole seconds and the remainder apart, so that neither product overflows.
  const std::uint64_t seconds = ticks / ticks_per_second;
  const std::uint64_t rest = ticks % ticks_per_second;
  if (seconds > std::numeric_limits<std::uint64_t>::max() / kNanosecondsPerSecond) {
    return std::numeric_limits<std::uint64_t>::max();
  }
  // rest < ticks_per_second <= 1e9 in practice, so rest x 1e9 < 1e18 fits; a larger
  // frequency (none exists) falls back to floating point for the remainder.
  const std::uint64_t rest_ns =
      ticks_per_second <= kNanosecondsPerSecond
          ? rest * kNanosecondsPerSecond / ticks_per_second
          : static_cast<std::uint64_t>(static_cast<double>(rest) * 1e9 / static_cast<double>(ticks_per_second));
  return seconds * kNanosecondsPerSecond + rest_ns;
}

double mach_ticks_to_seconds(std::uint64_t ticks, std::uint64_t ticks_per_second) {
  if (ticks_per_second == 0) return 0;
  return static_cast<double>(ticks / ticks_per_second) +
         static_cast<double>(ticks % ticks_per_second) / static_cast<double>(ticks_per_second);
}

}  // namespace host_exporter::platform::darwin
