// The pressure collector: node_exporter's node_pressure_*_seconds_total from
// /proc/pressure/{cpu,io,memory,irq} (totals in microseconds -> seconds).
// cpu has only "some" (waiting), irq only "full" (stalled), io and memory both.
// A kernel without PSI, or booted with psi=0, gives no series and the collector
// still succeeds (node_exporter reports success 0 there); that is logged once at debug.
#include <atomic>
#include <mutex>
#include <stdexcept>

#include "collectors/definitions.hpp"
#include "log/log.hpp"
#include "platform/linux/pressure_reader.hpp"

namespace host_exporter::collectors {

namespace {

constexpr FamilyDescriptor kCpuWaiting{"node_pressure_cpu_waiting_seconds_total",
                                       "Total time in seconds that processes have waited for CPU time",
                                       MetricType::kCounter, {}};
constexpr FamilyDescriptor kIoWaiting{"node_pressure_io_waiting_seconds_total",
                                      "Total time in seconds that processes have waited due to IO congestion",
                                      MetricType::kCounter, {}};
constexpr FamilyDescriptor kIoStalled{"node_pressure_io_stalled_seconds_total",
                                      "Total time in seconds no process could make progress due to IO congestion",
                                      MetricType::kCounter, {}};
constexpr FamilyDescriptor kMemoryWaiting{"node_pressure_memory_waiting_seconds_total",
                                          "Total time in seconds that processes have waited for memory",
                                          MetricType::kCounter, {}};
constexpr FamilyDescriptor kMemoryStalled{"node_pressure_memory_stalled_seconds_total",
                                          "Total time in seconds no process could make progress due to memory congestion",
                                          MetricType::kCounter, {}};
constexpr FamilyDescriptor kIrqStalled{"node_pressure_irq_stalled_seconds_total",
                                       "Total time in seconds no process could make progress due to IRQ congestion",
                                       MetricType::kCounter, {}};

struct Resource {
  const char* name;
  const FamilyDescriptor* waiting;  // from "some"; nullptr when not exported
  const FamilyDescriptor* stalled;  // from "full"; nullptr when not exported
};

constexpr Resource kResources[] = {
    {"cpu", &kCpuWaiting, nullptr},
    {"io", &kIoWaiting, &kIoStalled},
    {"memory", &kMemoryWaiting, &kMemoryStalled},
    {"irq", nullptr, &kIrqStalled},
};

constexpr std::size_t kResourceCount = std::size(kResources);

class PressureCollector final : public HostCollector {
 public:
  explicit PressureCollector(const platform::Roots& roots) {
    files_.reserve(kResourceCount);
    for (std::size_t i = 0; i < kResourceCount; ++i) {
      files_.emplace_back(roots.proc(std::string("pressure/") + kResources[i].name), platform::Rendering::kWhole);
    }
  }

  void fill(ScrapeContext&, Sink& sink) override {
    std::lock_guard lock(mutex_);
    bool any = false;
    for (std::size_t i = 0; i < kResourceCount; ++i) {
      const Resource& resource = kResources[i];
      platform::read_pressure(files_[i], buffer_, reading_);
      if (reading_.availability != platform::PressureReading::Availability::kAvailable) continue;
      if (!reading_.ok()) throw std::runtime_error(reading_.error);
      if (resource.waiting != nullptr && !reading_.some_total_us) {
        throw std::runtime_error(files_[i].path() + ": no \"some\" line");
      }
      if (resource.stalled != nullptr && !reading_.full_total_us) {
        throw std::runtime_error(files_[i].path() + ": no \"full\" line");
      }
      if (resource.waiting != nullptr) add(sink, *resource.waiting, *reading_.some_total_us);
      if (resource.stalled != nullptr) add(sink, *resource.stalled, *reading_.full_total_us);
      any = true;
    }
    if (!any && !logged_unavailable_.exchange(true)) {
      log::debug("pressure information is unavailable: it needs Linux >= 4.20 with CONFIG_PSI, and psi=1 if the "
                 "kernel disables it by default");
    }
  }

 private:
  // Divided by 1000 twice, as node_exporter does, so the doubles are bit-identical.
  static void add(Sink& sink, const FamilyDescriptor& family, std::uint64_t microseconds) {
    sink.single(family, static_cast<double>(microseconds) / 1000.0 / 1000.0);
  }

  std::mutex mutex_;
  std::vector<platform::CachedFile> files_;  // one per resource, kept open between scrapes
  std::string buffer_;
  platform::PressureReading reading_;
  std::atomic<bool> logged_unavailable_{false};
};

}  // namespace

CollectorDefinition pressure_collector_definition() {
  CollectorDefinition definition;
  definition.name = "pressure";
  definition.enabled_by_default = true;
  definition.help = "Pressure stall information from /proc/pressure.";
  definition.create = [](const CollectorContext& context) -> std::unique_ptr<HostCollector> {
    return std::make_unique<PressureCollector>(context.roots);
  };
  return definition;
}

}  // namespace host_exporter::collectors
