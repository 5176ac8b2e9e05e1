#include "collectors/process_self.hpp"

#include <string>

#include "log/log.hpp"
#include "platform/self_process.hpp"

namespace host_exporter::collectors {

namespace {

using exposition::FamilyDescriptor;

constexpr FamilyDescriptor kCpu{"process_cpu_seconds_total", "Total user and system CPU time spent in seconds.",
                                MetricType::kCounter, {}};
constexpr FamilyDescriptor kOpenFds{"process_open_fds", "Number of open file descriptors.", MetricType::kGauge, {}};
constexpr FamilyDescriptor kMaxFds{"process_max_fds", "Maximum number of open file descriptors.",
                                   MetricType::kGauge, {}};
constexpr FamilyDescriptor kVirtual{"process_virtual_memory_bytes", "Virtual memory size in bytes.",
                                    MetricType::kGauge, {}};
constexpr FamilyDescriptor kResident{"process_resident_memory_bytes", "Resident memory size in bytes.",
                                     MetricType::kGauge, {}};
constexpr FamilyDescriptor kStart{"process_start_time_seconds",
                                  "Start time of the process since unix epoch in seconds.", MetricType::kGauge, {}};

}  // namespace

void ProcessSelfCollector::fill(exposition::Sink& sink) {
  std::string error;
  const auto reading = platform::read_self_process(error);
  if (!reading) {
    log::warn("cannot read this process's own metrics", {{"err", error}});
    return;
  }
  sink.single(kCpu, reading->cpu_seconds);
  if (reading->open_fds) sink.single(kOpenFds, *reading->open_fds);
  if (reading->max_fds) sink.single(kMaxFds, *reading->max_fds);
  sink.single(kVirtual, reading->virtual_memory_bytes);
  sink.single(kResident, reading->resident_memory_bytes);
  sink.single(kStart, reading->start_time_seconds);
}

}  // namespace host_exporter::collectors
