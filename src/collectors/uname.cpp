// The uname collector: node_uname_info. node_exporter calls uname(2); we read the
// same fields from <procfs>/sys/kernel/* so that --path.procfs is honoured, and
// only the machine (architecture) from uname(2), which has no file there.
#include <mutex>
#include <stdexcept>

#include "collectors/definitions.hpp"
#include "platform/linux/uname_reader.hpp"

namespace host_exporter::collectors {

namespace {

class UnameCollector final : public Collector {
 public:
  explicit UnameCollector(const platform::Roots& roots) : reader_(roots) {}

  void collect(std::vector<MetricFamily>& out) override {
    std::lock_guard lock(mutex_);
    reader_.read(reading_);
    if (!reading_.ok()) throw std::runtime_error(reading_.error);
    // Labels in name order, as node_exporter's output has them.
    std::string labels;
    append_label(labels, "domainname", reading_.domainname);
    append_label(labels, "machine", reading_.machine);
    append_label(labels, "nodename", reading_.nodename);
    append_label(labels, "release", reading_.release);
    append_label(labels, "sysname", reading_.sysname);
    append_label(labels, "version", reading_.version);
    out.push_back({"node_uname_info", "Labeled system information as provided by the uname system call.",
                   MetricType::kGauge, {{std::move(labels), 1.0, {}}}});
  }

 private:
  std::mutex mutex_;
  platform::UnameReader reader_;
  platform::UnameReading reading_;
};

}  // namespace

CollectorDefinition uname_collector_definition() {
  CollectorDefinition definition;
  definition.name = "uname";
  definition.enabled_by_default = true;
  definition.help = "Kernel name, release, version, machine and host name (node_uname_info).";
  definition.create = [](const CollectorContext& context) -> std::unique_ptr<Collector> {
    return std::make_unique<UnameCollector>(context.roots);
  };
  return definition;
}

}  // namespace host_exporter::collectors
