#include "collectors/process_self.hpp"

#include <string>

#include "log/log.hpp"
#include "platform/self_process.hpp"

namespace host_exporter::collectors {

namespace {

void add(std::vector<MetricFamily>& out, const char* name, const char* help, MetricType type, double value) {
  out.push_back({name, help, type, {{"", value, {}}}});
}

}  // namespace

void ProcessSelfCollector::collect(std::vector<MetricFamily>& out) {
  std::string error;
  const auto reading = platform::read_self_process(error);
  if (!reading) {
    log::warn("cannot read this process's own metrics", {{"err", error}});
    return;
  }
  add(out, "process_cpu_seconds_total", "Total user and system CPU time spent in seconds.", MetricType::kCounter,
      reading->cpu_seconds);
  if (reading->open_fds) {
    add(out, "process_open_fds", "Number of open file descriptors.", MetricType::kGauge, *reading->open_fds);
  }
  if (reading->max_fds) {
    add(out, "process_max_fds", "Maximum number of open file descriptors.", MetricType::kGauge, *reading->max_fds);
  }
  add(out, "process_virtual_memory_bytes", "Virtual memory size in bytes.", MetricType::kGauge,
      reading->virtual_memory_bytes);
  add(out, "process_resident_memory_bytes", "Resident memory size in bytes.", MetricType::kGauge,
      reading->resident_memory_bytes);
  add(out, "process_start_time_seconds", "Start time of the process since unix epoch in seconds.",
      MetricType::kGauge, reading->start_time_seconds);
}

}  // namespace host_exporter::collectors
