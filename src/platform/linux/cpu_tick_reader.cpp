// verify's CPU recording on Linux: the aggregate "cpu" line of <procfs>/stat, btop's
// total (the first eight columns) and busy (total - idle - iowait).
#include "platform/cpu_tick_reader.hpp"

#include "platform/linux/stat_reader.hpp"

namespace host_exporter::platform {

struct CpuTickReader::State {
  std::string path;
  std::string buffer;
  StatReading reading;
};

CpuTickReader::CpuTickReader(const Roots& roots) : state_(std::make_unique<State>()) {
  state_->path = roots.proc("stat");
}

CpuTickReader::~CpuTickReader() = default;

std::optional<CpuBusyTicks> CpuTickReader::read(std::string& error) {
  read_stat(state_->path, state_->buffer, state_->reading);
  if (!state_->reading.ok()) {
    error = state_->reading.error;
    return std::nullopt;
  }
  const auto& t = state_->reading.total;
  const double total = static_cast<double>(t.total());
  return CpuBusyTicks{total - static_cast<double>(t.idle_total()), total};
}

}  // namespace host_exporter::platform
