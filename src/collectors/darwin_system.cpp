#include "collectors/darwin_system.hpp"

#include <algorithm>
#include <charconv>
#include <string>

#include "collectors/host_schema.hpp"
#include "platform/darwin/conversions/environment_kind.hpp"
#include "platform/darwin/conversions/system_version.hpp"

namespace host_exporter::collectors {

namespace darwin = platform::darwin;
using exposition::FamilyDescriptor;
using exposition::Sink;

namespace {

constexpr FamilyDescriptor kLoad1 = {"node_load1", "1m load average.", MetricType::kGauge, {}};
constexpr FamilyDescriptor kLoad5 = {"node_load5", "5m load average.", MetricType::kGauge, {}};
constexpr FamilyDescriptor kLoad15 = {"node_load15", "15m load average.", MetricType::kGauge, {}};
constexpr FamilyDescriptor kBootTime = {"node_boot_time_seconds", "Unix time of last boot, including microseconds.",
                                        MetricType::kGauge, {}};

constexpr std::string_view kUnameLabels[] = {"domainname", "machine", "nodename", "release", "sysname", "version"};
constexpr FamilyDescriptor kUname = {"node_uname_info", "Labeled system information as provided by the uname system call.",
                                     MetricType::kGauge, kUnameLabels};

constexpr std::string_view kOsInfoLabels[] = {"build_id",    "id",      "id_like",    "image_id",
                                              "image_version", "name",  "pretty_name", "variant",
                                              "variant_id",  "version", "version_codename", "version_id"};
constexpr FamilyDescriptor kOsInfo = {
    "node_os_info",
    "A metric with a constant '1' value labeled by build_id, id, id_like, image_id, image_version, "
    "name, pretty_name, variant, variant_id, version, version_codename, version_id.",
    MetricType::kGauge, kOsInfoLabels};
constexpr std::string_view kOsVersionLabels[] = {"id", "id_like", "name"};
constexpr FamilyDescriptor kOsVersion = {"node_os_version", "Metric containing the major.minor part of the OS version.",
                                         MetricType::kGauge, kOsVersionLabels};

constexpr std::string_view kPowerSupplyLabel[] = {"power_supply"};
constexpr std::string_view kPowerSupplyStateLabels[] = {"power_supply", "state"};
constexpr FamilyDescriptor kPowerCurrent = {"node_power_supply_current_capacity",
                                            "IOKit Power Source information field current_capacity.",
                                            MetricType::kGauge, kPowerSupplyLabel};
constexpr FamilyDescriptor kPowerMax = {"node_power_supply_max_capacity",
                                        "IOKit Power Source information field max_capacity.", MetricType::kGauge,
                                        kPowerSupplyLabel};
constexpr FamilyDescriptor kPowerCharging = {"node_power_supply_charging",
                                             "IOKit Power Source information field charging.", MetricType::kGauge,
                                             kPowerSupplyLabel};
constexpr FamilyDescriptor kPowerState = {"node_power_supply_power_source_state",
                                          "IOKit Power Source information field power_source_state.",
                                          MetricType::kGauge, kPowerSupplyStateLabels};

}  // namespace

void fill_load_families(const std::array<double, 3>& load, Sink& sink) {
  sink.single(kLoad1, load[0]);
  sink.single(kLoad5, load[1]);
  sink.single(kLoad15, load[2]);
}

void fill_boot_time_family(double boot_time_seconds, Sink& sink) { sink.single(kBootTime, boot_time_seconds); }

void fill_uname_family(const darwin::UnameReading& uname, Sink& sink) {
  std::string_view nodename = uname.nodename;
  std::string_view domainname = "(none)";
  if (const std::size_t dot = nodename.find('.'); dot != std::string_view::npos) {
    domainname = nodename.substr(dot + 1);
    nodename = nodename.substr(0, dot);
  }
  sink.begin(kUname);
  sink.sample({domainname, uname.machine, nodename, uname.release, uname.sysname, uname.version}, 1.0);
}

bool fill_os_families(std::string_view system_version_plist, Sink& sink) {
  const auto version = darwin::parse_system_version_plist(system_version_plist);
  if (!version) return false;
  // node_exporter's mapping of SystemVersion.plist: name, version, version_id, build_id.
  sink.begin(kOsInfo);
  sink.sample({version->product_build_version, "", "", "", "", version->product_name, "", "", "",
               version->product_version, "", version->product_version},
              1.0);
  if (const auto number = darwin::major_minor_version(version->product_version); number && *number > 0) {
    sink.begin(kOsVersion);
    sink.sample({"", "", version->product_name}, *number);
  }
  return true;
}

void fill_environment_families(const darwin::EnvironmentHints& hints, Sink& sink) {
  const darwin::EnvironmentKind kind = darwin::classify_environment(hints);
  const std::string detail = darwin::environment_detail(kind);
  sink.begin(schema::kEnvironmentInfo.family);
  sink.sample({"darwin", kind.virtualization, "none", detail}, 1.0);
  // A macOS VM is its own host (as a Linux VM is): no container and no Docker VM in between.
  sink.single(schema::kMeasuresHost.family, 1.0);
}

void fill_gpu_families(const std::vector<darwin::GpuReading>& gpus, Sink& sink) {
  sink.begin(schema::kGpuUtilization.family);
  for (const auto& gpu : gpus) {
    if (!gpu.utilization_percent) continue;
    // Two GPUs of one class (an iGPU and an eGPU) would share `gpu`: the registry id tells them apart.
    char registry_id[24];
    const auto end = std::to_chars(std::begin(registry_id), std::end(registry_id), gpu.registry_id).ptr;
    sink.sample({gpu.name, std::string_view(registry_id, static_cast<std::size_t>(end - registry_id))},
                std::clamp(*gpu.utilization_percent / 100.0, 0.0, 1.0));
  }
}

void fill_power_supply_families(const std::vector<darwin::PowerSourceReading>& sources, Sink& sink) {
  sink.begin(kPowerCurrent);
  for (const auto& source : sources) {
    if (source.current_capacity) sink.sample({source.name}, *source.current_capacity);
  }
  sink.begin(kPowerMax);
  for (const auto& source : sources) {
    if (source.max_capacity) sink.sample({source.name}, *source.max_capacity);
  }
  sink.begin(kPowerCharging);
  for (const auto& source : sources) sink.sample({source.name}, source.charging ? 1.0 : 0.0);
  sink.begin(kPowerState);
  for (const auto& source : sources) {
    if (!source.state.empty()) sink.sample({source.name, source.state}, 1.0);
  }
  sink.begin(schema::kPowerOnAc.family);
  for (const auto& source : sources) {
    if (!source.state.empty()) sink.sample({source.name}, source.state == "AC Power" ? 1.0 : 0.0);
  }
}

}  // namespace host_exporter::collectors
