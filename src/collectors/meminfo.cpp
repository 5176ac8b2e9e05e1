// The meminfo collector: every /proc/meminfo field as node_memory_<Field>[_bytes]
// (node_exporter's names), and btop's memory view (host_memory_*, host_swap_*),
// both read fresh at scrape time.
#include <mutex>
#include <stdexcept>
#include <atomic>

#include "collectors/btop_memory.hpp"
#include "collectors/definitions.hpp"
#include "collectors/host_schema.hpp"
#include "collectors/owned_descriptors.hpp"
#include "log/log.hpp"

namespace host_exporter::collectors {

namespace {

// node_exporter's name for a field: "Active(anon)" becomes "Active_anon" (its
// regexp \((.*)\) -> _$1, greedy from the first "(" to the last ")"), and a field
// in kB gains "_bytes".
std::string memory_metric_name(std::string_view field, bool kilobytes) {
  std::string name = "node_memory_";
  const auto open = field.find('(');
  const auto close = field.rfind(')');
  if (open != std::string_view::npos && close != std::string_view::npos && close > open) {
    name.append(field.substr(0, open)).append("_").append(field.substr(open + 1, close - open - 1));
    name.append(field.substr(close + 1));
  } else {
    name.append(field);
  }
  if (kilobytes) name += "_bytes";
  return name;
}

class MeminfoCollector final : public HostCollector {
 public:
  explicit MeminfoCollector(const platform::Roots& roots)
      : meminfo_file_(roots.proc("meminfo"), platform::Rendering::kWhole),
        arcstats_file_(roots.proc("spl/kstat/zfs/arcstats")) {}

  void fill(ScrapeContext&, Sink& sink) override {
    std::lock_guard lock(mutex_);
    platform::read_meminfo(meminfo_file_, buffer_, meminfo_);
    if (!meminfo_.ok()) throw std::runtime_error(meminfo_.error);
    refresh_names();
    for (std::size_t i = 0; i < meminfo_.fields.size(); ++i) {
      const Name& name = names_[i];
      if (name.family == nullptr) continue;
      const auto& field = meminfo_.fields[i];
      sink.single(*name.family, static_cast<double>(field.kilobytes ? field.value * 1024 : field.value));
    }

    platform::read_arcstats(arcstats_file_, buffer_, arcstats_);
    if (!arcstats_.ok() && !arc_warned_.exchange(true)) {
      log::warn("ignoring the ZFS ARC in host_memory_*", {{"err", arcstats_.error}});
    }
    const auto memory = btop_memory(meminfo_, arcstats_);
    if (!memory) {
      log::debug("meminfo has no MemTotal or MemFree: host_memory_* left out");
      return;
    }
    sink.single(schema::kMemoryTotal.family, static_cast<double>(memory->total));
    sink.single(schema::kMemoryUsed.family, static_cast<double>(memory->used));
    sink.single(schema::kMemoryAvailable.family, static_cast<double>(memory->available));
    sink.single(schema::kMemoryCached.family, static_cast<double>(memory->cached));
    sink.single(schema::kMemoryFree.family, static_cast<double>(memory->free));
    sink.single(schema::kSwapTotal.family, static_cast<double>(memory->swap_total));
    sink.single(schema::kSwapUsed.family, static_cast<double>(memory->swap_used));
  }

 private:
  struct Name {
    std::string field;  // the meminfo field this name was made from
    bool kilobytes = false;
    const FamilyDescriptor* family = nullptr;  // null: not a valid metric name
  };

  // Names are made once per field; the field list only changes with the kernel.
  void refresh_names() {
    if (names_.size() != meminfo_.fields.size()) names_.resize(meminfo_.fields.size());
    for (std::size_t i = 0; i < meminfo_.fields.size(); ++i) {
      const auto& field = meminfo_.fields[i];
      Name& name = names_[i];
      if (name.field == field.name && name.kilobytes == field.kilobytes && !name.field.empty()) continue;
      name.field = field.name;
      name.kilobytes = field.kilobytes;
      const std::string metric = memory_metric_name(field.name, field.kilobytes);
      name.family = is_valid_metric_name(metric)
                        ? &descriptors_.get(metric,
                                            "Memory information field " +
                                                metric.substr(std::string_view("node_memory_").size()) + ".",
                                            MetricType::kGauge)
                        : nullptr;
    }
  }

  std::mutex mutex_;
  platform::CachedFile meminfo_file_;  // both kept open between scrapes
  platform::CachedFile arcstats_file_;
  std::string buffer_;
  platform::MeminfoReading meminfo_;
  platform::ArcstatsReading arcstats_;
  std::vector<Name> names_;
  OwnedDescriptors descriptors_;
  std::atomic<bool> arc_warned_{false};
};

}  // namespace

CollectorDefinition meminfo_collector_definition() {
  CollectorDefinition definition;
  definition.name = "meminfo";
  definition.enabled_by_default = true;
  definition.help = "Memory statistics from /proc/meminfo, and btop's memory view (with the ZFS ARC).";
  definition.create = [](const CollectorContext& context) -> std::unique_ptr<HostCollector> {
    return std::make_unique<MeminfoCollector>(context.roots);
  };
  return definition;
}

}  // namespace host_exporter::collectors
