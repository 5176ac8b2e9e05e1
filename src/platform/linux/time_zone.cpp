#include "platform/linux/time_zone.hpp"

namespace host_exporter::platform {

TimeZoneReading local_time_zone(std::time_t at) {
  TimeZoneReading zone;
  std::tm local{};
  if (::localtime_r(&at, &local) == nullptr) return zone;
  zone.offset_seconds = local.tm_gmtoff;
  zone.name = local.tm_zone != nullptr ? local.tm_zone : "";
  return zone;
}

}  // namespace host_exporter::platform
