// The vmstat collector: /proc/vmstat fields whose name matches
// --collector.vmstat.fields (node_exporter's default: ^(oom_kill|pgpg|pswp|pg.*fault).*),
// as untyped node_vmstat_<field>, as node_exporter exports them.
#include <mutex>
#include <regex>
#include <stdexcept>

#include "collectors/definitions.hpp"
#include "collectors/owned_descriptors.hpp"
#include "platform/linux/vmstat_reader.hpp"

namespace host_exporter::collectors {

namespace {

const char kFieldsFlag[] = "fields";
const char kDefaultFields[] = "^(oom_kill|pgpg|pswp|pg.*fault).*";

class VmstatCollector final : public HostCollector {
 public:
  VmstatCollector(const platform::Roots& roots, std::regex fields)
      : file_(roots.proc("vmstat")), fields_(std::move(fields)) {}

  void fill(ScrapeContext&, Sink& sink) override {
    std::lock_guard lock(mutex_);
    platform::read_vmstat(file_, buffer_, reading_);
    if (!reading_.ok()) throw std::runtime_error(reading_.error);
    if (chosen_.size() != reading_.fields.size()) chosen_.resize(reading_.fields.size());
    for (std::size_t i = 0; i < reading_.fields.size(); ++i) {
      const auto& field = reading_.fields[i];
      Choice& choice = chosen_[i];
      if (choice.field != field.name) {  // the regexp runs once per field name, not per scrape
        choice.field = field.name;
        const std::string metric = "node_vmstat_" + choice.field;
        choice.family = std::regex_search(choice.field, fields_) && is_valid_metric_name(metric)
                            ? &descriptors_.get(metric, "/proc/vmstat information field " + choice.field + ".",
                                                MetricType::kUntyped)
                            : nullptr;
      }
      if (choice.family != nullptr) sink.single(*choice.family, field.value);
    }
  }

 private:
  struct Choice {
    std::string field;
    const FamilyDescriptor* family = nullptr;  // null: not wanted
  };

  std::mutex mutex_;
  platform::CachedFile file_;  // kept open between scrapes
  const std::regex fields_;
  std::string buffer_;
  platform::VmstatReading reading_;
  std::vector<Choice> chosen_;
  OwnedDescriptors descriptors_;
};

}  // namespace

CollectorDefinition vmstat_collector_definition() {
  CollectorDefinition definition;
  definition.name = "vmstat";
  definition.enabled_by_default = true;
  definition.help = "Virtual memory statistics from /proc/vmstat.";
  definition.flags = {{kFieldsFlag, kDefaultFields, "Regexp of fields to return for vmstat collector.", false}};
  definition.create = [](const CollectorContext& context) -> std::unique_ptr<HostCollector> {
    const std::string& given = context.config.get(kFieldsFlag);
    const std::string pattern = given.empty() ? std::string(kDefaultFields) : given;
    try {
      return std::make_unique<VmstatCollector>(context.roots, std::regex(pattern, std::regex::ECMAScript));
    } catch (const std::regex_error& e) {
      throw std::invalid_argument("--collector.vmstat.fields is not a valid regexp: " + pattern + " (" + e.what() +
                                  ")");
    }
  };
  return definition;
}

}  // namespace host_exporter::collectors
