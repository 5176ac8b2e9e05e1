#include "platform/darwin/conversions/process_start.hpp"

namespace host_exporter::platform::darwin {

std::uint64_t process_start_ns(std::int64_t seconds, std::int64_t microseconds) {
  if (seconds < 0 || microseconds < 0) return 0;
  return static_cast<std::uint64_t>(seconds) * 1'000'000'000ull + static_cast<std::uint64_t>(microseconds) * 1'000ull;
}

}  // namespace host_exporter::platform::darwin
