#pragma once
// The whole machine's CPU time as btop counts it, busy and total, for verify's local
// recording (read every 25 ms). Linux: the aggregate "cpu" line of <procfs>/stat, busy =
// total - idle - iowait (linux/cpu_tick_reader.cpp); macOS: host_processor_info summed
// over the CPUs, busy = user + system + nice (darwin/cpu_tick_reader.cpp).

#include <memory>
#include <optional>
#include <string>

#include "platform/roots.hpp"

namespace host_exporter::platform {

struct CpuBusyTicks {
  double busy = 0;   // in the OS's tick unit; only ratios of differences are meaningful
  double total = 0;
};

class CpuTickReader {
 public:
  explicit CpuTickReader(const Roots& roots);
  ~CpuTickReader();
  CpuTickReader(const CpuTickReader&) = delete;
  CpuTickReader& operator=(const CpuTickReader&) = delete;

  // nullopt when the ticks cannot be read (the reason in `error`).
  std::optional<CpuBusyTicks> read(std::string& error);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace host_exporter::platform
