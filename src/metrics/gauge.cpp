#include "host_exporter/gauge.hpp"

#include <chrono>

namespace host_exporter {

void Gauge::set_to_current_time() {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  set(std::chrono::duration<double>(since_epoch).count());
}

}  // namespace host_exporter
