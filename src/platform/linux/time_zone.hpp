#pragma once
// The local time zone in effect at an instant (TZ, /etc/localtime): its
// abbreviation ("CET", "UTC") and offset east of UTC.

#include <ctime>
#include <string>

namespace host_exporter::platform {

struct TimeZoneReading {
  std::string name;
  long offset_seconds = 0;
};

TimeZoneReading local_time_zone(std::time_t at);

}  // namespace host_exporter::platform
