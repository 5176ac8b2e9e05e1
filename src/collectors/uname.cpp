// The uname collector: node_uname_info. node_exporter calls uname(2); we read the
// same fields from <procfs>/sys/kernel/* so that --path.procfs is honoured, and
// only the machine (architecture) from uname(2), which has no file there.
#include <array>
#include <mutex>
#include <string_view>
#include <stdexcept>

#include "collectors/definitions.hpp"
#include "platform/linux/uname_reader.hpp"

namespace host_exporter::collectors {

namespace {

// In name order, as node_exporter's output has them.
constexpr std::array<std::string_view, 6> kUnameLabels = {"domainname", "machine", "nodename",
                                                         "release",    "sysname", "version"};
constexpr FamilyDescriptor kUnameInfo{"node_uname_info",
                                      "Labeled system information as provided by the uname system call.",
                                      MetricType::kGauge, kUnameLabels};

class UnameCollector final : public HostCollector {
 public:
  explicit UnameCollector(const platform::Roots& roots) : reader_(roots) {}

  void fill(ScrapeContext&, Sink& sink) override {
    std::lock_guard lock(mutex_);
    reader_.read(reading_);
    if (!reading_.ok()) throw std::runtime_error(reading_.error);
    sink.begin(kUnameInfo);
    sink.sample({reading_.domainname, reading_.machine, reading_.nodename, reading_.release, reading_.sysname,
                 reading_.version},
                1.0);
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
  definition.create = [](const CollectorContext& context) -> std::unique_ptr<HostCollector> {
    return std::make_unique<UnameCollector>(context.roots);
  };
  return definition;
}

}  // namespace host_exporter::collectors
