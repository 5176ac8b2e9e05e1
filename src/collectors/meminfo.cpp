// The meminfo collector: every /proc/meminfo field as node_memory_<Field>[_bytes]
// (node_exporter's names), and btop's memory view (host_memory_*, host_swap_*),
// both read fresh at scrape time.
#include <mutex>
#include <stdexcept>
#include <atomic>

#include "collectors/btop_memory.hpp"
#include "collectors/definitions.hpp"
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

class MeminfoCollector final : public Collector {
 public:
  explicit MeminfoCollector(const platform::Roots& roots)
      : meminfo_file_(roots.proc("meminfo"), platform::Rendering::kWhole),
        arcstats_file_(roots.proc("spl/kstat/zfs/arcstats")) {}

  void collect(std::vector<MetricFamily>& out) override {
    std::lock_guard lock(mutex_);
    platform::read_meminfo(meminfo_file_, buffer_, meminfo_);
    if (!meminfo_.ok()) throw std::runtime_error(meminfo_.error);
    refresh_names();
    for (std::size_t i = 0; i < meminfo_.fields.size(); ++i) {
      const Name& name = names_[i];
      if (!name.valid) continue;
      const auto& field = meminfo_.fields[i];
      const double value = static_cast<double>(field.kilobytes ? field.value * 1024 : field.value);
      out.push_back({name.metric, name.help, MetricType::kGauge, {{"", value, {}}}});
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
    add_bytes(out, "host_memory_total_bytes", "Physical memory (MemTotal), as btop shows it.", memory->total);
    add_bytes(out, "host_memory_used_bytes", "Used memory, btop's formula: total - available.", memory->used);
    add_bytes(out, "host_memory_available_bytes",
              "Available memory, btop's formula: MemAvailable (or MemFree + Cached) plus the ZFS ARC above c_min.",
              memory->available);
    add_bytes(out, "host_memory_cached_bytes", "Cached memory, btop's formula: Cached plus the ZFS ARC size.",
              memory->cached);
    add_bytes(out, "host_memory_free_bytes", "Free memory (MemFree), as btop shows it.", memory->free);
    add_bytes(out, "host_swap_total_bytes", "Swap space (SwapTotal), as btop shows it.", memory->swap_total);
    add_bytes(out, "host_swap_used_bytes", "Used swap, btop's formula: SwapTotal - SwapFree.", memory->swap_used);
  }

 private:
  struct Name {
    std::string field;  // the meminfo field this name was made from
    bool kilobytes = false;
    std::string metric;
    std::string help;
    bool valid = false;
  };

  static void add_bytes(std::vector<MetricFamily>& out, const char* name, const char* help, std::uint64_t value) {
    out.push_back({name, help, MetricType::kGauge, {{"", static_cast<double>(value), {}}}});
  }

  // Names are made once per field; the field list only changes with the kernel.
  void refresh_names() {
    if (names_.size() != meminfo_.fields.size()) names_.resize(meminfo_.fields.size());
    for (std::size_t i = 0; i < meminfo_.fields.size(); ++i) {
      const auto& field = meminfo_.fields[i];
      Name& name = names_[i];
      if (name.field == field.name && name.kilobytes == field.kilobytes && !name.metric.empty()) continue;
      name.field = field.name;
      name.kilobytes = field.kilobytes;
      name.metric = memory_metric_name(field.name, field.kilobytes);
      name.help = "Memory information field " + name.metric.substr(std::string_view("node_memory_").size()) + ".";
      name.valid = is_valid_metric_name(name.metric);
    }
  }

  std::mutex mutex_;
  platform::CachedFile meminfo_file_;  // both kept open between scrapes
  platform::CachedFile arcstats_file_;
  std::string buffer_;
  platform::MeminfoReading meminfo_;
  platform::ArcstatsReading arcstats_;
  std::vector<Name> names_;
  std::atomic<bool> arc_warned_{false};
};

}  // namespace

CollectorDefinition meminfo_collector_definition() {
  CollectorDefinition definition;
  definition.name = "meminfo";
  definition.enabled_by_default = true;
  definition.help = "Memory statistics from /proc/meminfo, and btop's memory view (with the ZFS ARC).";
  definition.create = [](const CollectorContext& context) -> std::unique_ptr<Collector> {
    return std::make_unique<MeminfoCollector>(context.roots);
  };
  return definition;
}

}  // namespace host_exporter::collectors
