#include "collectors/darwin_definitions.hpp"

#include <functional>
#include <stdexcept>

#include "collectors/darwin_counters.hpp"
#include "collectors/darwin_cpu.hpp"
#include "collectors/darwin_filesystem.hpp"
#include "collectors/darwin_memory.hpp"
#include "collectors/darwin_processes.hpp"
#include "collectors/darwin_system.hpp"
#include "collectors/local_filesystem.hpp"
#include "collectors/mount_stat_runner.hpp"
#include "collectors/process_group_flags.hpp"
#include "collectors/rate_source.hpp"
#include "collectors/sampler.hpp"

namespace host_exporter::collectors {

namespace darwin = platform::darwin;

namespace {

// A collector that reads one value and fills the sink from it. `cannot_hang`, when given,
// answers reads_cannot_hang() (the filesystem collector's timed statfs of network mounts).
template <typename T, typename Fill>
class ReadingCollector final : public HostCollector {
 public:
  ReadingCollector(std::string name, darwin::Reader<T> reader, Fill fill, std::function<bool()> cannot_hang = {})
      : name_(std::move(name)), reader_(std::move(reader)), fill_(std::move(fill)), cannot_hang_(std::move(cannot_hang)) {}
  bool reads_cannot_hang() const override { return cannot_hang_ ? cannot_hang_() : true; }
  void fill(ScrapeContext&, Sink& sink) override {
    T value{};
    std::string error;
    if (!reader_(value, error)) throw std::runtime_error(name_ + ": " + error);
    fill_(value, sink);
  }

 private:
  std::string name_;
  darwin::Reader<T> reader_;
  Fill fill_;
  std::function<bool()> cannot_hang_;
};

template <typename T, typename Fill>
CollectorDefinition reading(const char* name, const char* help, darwin::Reader<T> reader, Fill fill) {
  CollectorDefinition definition;
  definition.name = name;
  definition.help = help;
  definition.create = [name = std::string(name), reader, fill](const CollectorContext&) -> std::unique_ptr<HostCollector> {
    return std::make_unique<ReadingCollector<T, Fill>>(name, reader, fill);
  };
  return definition;
}

CollectorDefinition processes_definition(const darwin::HostReaders& readers) {
  CollectorDefinition definition;
  definition.name = "processes";
  definition.help = "Processes grouped by name as btop names them: CPU, memory (RSS and footprint), threads.";
  definition.flags = process_group_flags();
  definition.create = [reader = readers.processes](const CollectorContext& context) -> std::unique_ptr<HostCollector> {
    ProcessGroupOptions options;
    options.top = parse_process_group_top(context.config.get("top"), options.top);
    if (const auto& include = context.config.get("include"); !include.empty()) {
      options.include = compile_process_group_pattern(include, "include");
    }
    if (const auto& exclude = context.config.get("exclude"); !exclude.empty()) {
      options.exclude = compile_process_group_pattern(exclude, "exclude");
    }
    auto source = std::make_shared<DarwinProcessSource>(reader, std::move(options));
    const bool sampled = context.sampler != nullptr;
    if (sampled) context.sampler->add(source);
    return std::make_unique<DarwinProcessesCollector>(std::move(source), sampled);
  };
  return definition;
}

CollectorDefinition cpu_definition(const darwin::HostReaders& readers) {
  CollectorDefinition definition;
  definition.name = "cpu";
  definition.help = "CPU time per CPU and mode (host_processor_info) and btop's CPU utilisation.";
  definition.create = [reader = readers.cpu, perf_levels = readers.perf_levels](
                          const CollectorContext& context) -> std::unique_ptr<HostCollector> {
    std::shared_ptr<DarwinCpuSource> source;
    if (context.sampler != nullptr) {
      source = std::make_shared<DarwinCpuSource>(reader);
      context.sampler->add(source);
    }
    return std::make_unique<DarwinCpuCollector>(reader, perf_levels, std::move(source));
  };
  return definition;
}

// A fresh statfs per mount under the hung-mount protection of Linux: local volumes
// inline, others on MountStatRunner's worker with --collector.filesystem.mount-timeout.
FreshFilesystemUsage fresh_filesystem_usage(std::shared_ptr<MountStatRunner> runner) {
  return [runner = std::move(runner)](const darwin::FilesystemReading& fs) -> std::optional<platform::FilesystemUsage> {
    const MountStatOutcome outcome =
        is_local_filesystem(fs.fstype) ? runner->stat_inline(fs.mountpoint) : runner->stat(fs.mountpoint, fs.mountpoint);
    if (outcome.status != MountStatStatus::kOk || outcome.reading.error != 0) return std::nullopt;
    return outcome.reading.usage;
  };
}

CollectorDefinition filesystem_definition(const darwin::HostReaders& readers) {
  CollectorDefinition definition;
  definition.name = "filesystem";
  definition.help = "Filesystem size and use (getfsstat, a fresh statfs per mount, APFS space used).";
  definition.flags = {
      {"mount-points-exclude", kDarwinMountPointsExclude, "Regexp of mount points to exclude.", false},
      {"fs-types-exclude", kDarwinFsTypesExclude, "Regexp of filesystem types to exclude.", false},
      {kMountTimeoutFlag, "5s", kMountTimeoutHelp, false},
  };
  definition.create = [reader = readers.filesystems, usage = readers.filesystem_usage](
                          const CollectorContext& context) -> std::unique_ptr<HostCollector> {
    const DeviceFilter mount_points(context.config.get("mount-points-exclude"), "",
                                    "--collector.filesystem.mount-points");
    const DeviceFilter fs_types(context.config.get("fs-types-exclude"), "", "--collector.filesystem.fs-types");
    const auto timeout = parse_mount_timeout(context.config.get(kMountTimeoutFlag));
    auto runner = std::make_shared<MountStatRunner>(usage, timeout);
    const FreshFilesystemUsage fresh = fresh_filesystem_usage(runner);
    auto fill = [mount_points, fs_types, fresh, runner](const std::vector<darwin::FilesystemReading>& filesystems,
                                                        Sink& sink) {
      const MountStatRunner::Pass pass(*runner);
      fill_darwin_filesystem_families(filesystems, mount_points, fs_types, fresh, sink);
    };
    return std::make_unique<ReadingCollector<std::vector<darwin::FilesystemReading>, decltype(fill)>>(
        "getfsstat", reader, std::move(fill), [runner] { return runner->last_pass_all_inline(); });
  };
  return definition;
}

CollectorDefinition diskstats_definition(const darwin::HostReaders& readers) {
  CollectorDefinition definition;
  definition.name = "diskstats";
  definition.help = "Disk I/O counters (IOKit IOBlockStorageDriver statistics) and byte rates.";
  definition.flags = {
      {"device-exclude", "", "Regexp of disks to exclude (mutually exclusive with device-include).", false},
      {"device-include", "", "Regexp of disks to include (mutually exclusive with device-exclude).", false},
  };
  definition.create = [reader = readers.disks](const CollectorContext& context) -> std::unique_ptr<HostCollector> {
    const DeviceFilter filter = DeviceFilter::from_flags(context.config.get("device-exclude"), "",
                                                         context.config.get("device-include"),
                                                         "--collector.diskstats.device");
    std::shared_ptr<RateSource> rates;
    if (context.sampler != nullptr) {
      rates = std::make_shared<RateSource>("disk", filter, [reader](CounterPairReadings& readings, std::string& error) {
        std::vector<darwin::DiskReading> disks;
        if (!reader(disks, error)) return false;
        for (const auto& disk : disks) {
          const auto read = disk.statistics.find("Bytes (Read)");
          const auto written = disk.statistics.find("Bytes (Write)");
          if (read == disk.statistics.end() || written == disk.statistics.end()) continue;
          readings.add(disk.name, static_cast<std::uint64_t>(std::max<std::int64_t>(read->second, 0)),
                       static_cast<std::uint64_t>(std::max<std::int64_t>(written->second, 0)));
        }
        return true;
      });
      context.sampler->add(rates);
    }
    return std::make_unique<DarwinDiskstatsCollector>(reader, filter, std::move(rates));
  };
  return definition;
}

CollectorDefinition netdev_definition(const darwin::HostReaders& readers) {
  CollectorDefinition definition;
  definition.name = "netdev";
  definition.help = "Network interface counters (sysctl NET_RT_IFLIST2 lists, IFMIB_IFDATA counts) and byte rates.";
  definition.flags = {
      {"device-exclude", "", "Regexp of interfaces to exclude (mutually exclusive with device-include).", false},
      {"device-include", "", "Regexp of interfaces to include (mutually exclusive with device-exclude).", false},
  };
  definition.create = [list = readers.interface_messages, mib = readers.interface_mib](
                          const CollectorContext& context) -> std::unique_ptr<HostCollector> {
    const DeviceFilter filter = DeviceFilter::from_flags(context.config.get("device-exclude"), "",
                                                         context.config.get("device-include"),
                                                         "--collector.netdev.device");
    std::shared_ptr<RateSource> rates;
    if (context.sampler != nullptr) {
      rates = std::make_shared<RateSource>("network", filter, [list, mib](CounterPairReadings& readings,
                                                                         std::string& error) {
        std::vector<darwin::InterfaceCounters> interfaces;
        std::string buffer;
        if (!read_darwin_interfaces(list, mib, buffer, interfaces, error)) return false;
        for (const auto& interface : interfaces) {
          readings.add(interface.name, interface.receive_bytes, interface.transmit_bytes);
        }
        return true;
      });
      context.sampler->add(rates);
    }
    return std::make_unique<DarwinNetdevCollector>(list, mib, filter, std::move(rates));
  };
  return definition;
}

}  // namespace

std::vector<CollectorDefinition> darwin_collector_definitions(const darwin::HostReaders& readers) {
  std::vector<CollectorDefinition> list;
  list.push_back(cpu_definition(readers));
  list.push_back(reading<darwin::MemoryReading>(
      "meminfo", "Memory: node_exporter's darwin names, Linux-shaped series, btop and Activity Monitor figures.",
      readers.memory, [](const darwin::MemoryReading& memory, Sink& sink) { fill_darwin_memory_families(memory, sink); }));
  list.push_back(reading<std::array<double, 3>>("loadavg", "Load averages (getloadavg).", readers.load,
                                                [](const auto& load, Sink& sink) { fill_load_families(load, sink); }));
  list.push_back(reading<double>("boottime", "Boot time (kern.boottime).", readers.boot_time,
                                 [](double seconds, Sink& sink) { fill_boot_time_family(seconds, sink); }));
  list.push_back(reading<darwin::UnameReading>("uname", "uname(3) strings.", readers.uname,
                                               [](const auto& uname, Sink& sink) { fill_uname_family(uname, sink); }));
  list.push_back(reading<std::string>("os", "OS version from SystemVersion.plist (node_os_info, node_os_version).",
                                      readers.system_version_plist, [](const std::string& plist, Sink& sink) {
                                        if (!fill_os_families(plist, sink)) {
                                          throw std::runtime_error("SystemVersion.plist has no ProductVersion");
                                        }
                                      }));
  list.push_back(reading<darwin::EnvironmentHints>(
      "environment", "Where host_exporter runs: a Mac or a macOS virtual machine.", readers.environment,
      [](const auto& hints, Sink& sink) { fill_environment_families(hints, sink); }));
  list.push_back(reading<std::vector<darwin::GpuReading>>(
      "gpu", "GPU utilisation (IOAccelerator PerformanceStatistics).", readers.gpus,
      [](const auto& gpus, Sink& sink) { fill_gpu_families(gpus, sink); }));
  list.push_back(reading<std::vector<darwin::PowerSourceReading>>(
      "powersupplyclass", "Batteries and UPSes (IOPowerSources).", readers.power_sources,
      [](const auto& sources, Sink& sink) { fill_power_supply_families(sources, sink); }));
  list.push_back(filesystem_definition(readers));
  list.push_back(diskstats_definition(readers));
  list.push_back(netdev_definition(readers));
  list.push_back(processes_definition(readers));
  return list;
}

}  // namespace host_exporter::collectors
