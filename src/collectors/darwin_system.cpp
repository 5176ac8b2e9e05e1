#include "collectors/darwin_system.hpp"

#include <algorithm>
#include <string>

#include "collectors/host_schema.hpp"
#include "platform/darwin/conversions/environment_kind.hpp"
#include "platform/darwin/conversions/system_version.hpp"

namespace host_exporter::collectors {

namespace darwin = platform::darwin;

void append_load_families(const std::array<double, 3>& load, std::vector<MetricFamily>& out) {
  out.push_back({"node_load1", "1m load average.", MetricType::kGauge, {Series{"", load[0], {}}}});
  out.push_back({"node_load5", "5m load average.", MetricType::kGauge, {Series{"", load[1], {}}}});
  out.push_back({"node_load15", "15m load average.", MetricType::kGauge, {Series{"", load[2], {}}}});
}

void append_boot_time_family(double boot_time_seconds, std::vector<MetricFamily>& out) {
  out.push_back({"node_boot_time_seconds", "Unix time of last boot, including microseconds.", MetricType::kGauge,
                 {Series{"", boot_time_seconds, {}}}});
}

void append_uname_family(const darwin::UnameReading& uname, std::vector<MetricFamily>& out) {
  std::string nodename = uname.nodename;
  std::string domainname = "(none)";
  if (const std::size_t dot = nodename.find('.'); dot != std::string::npos) {
    domainname = nodename.substr(dot + 1);
    nodename.resize(dot);
  }
  out.push_back({"node_uname_info", "Labeled system information as provided by the uname system call.",
                 MetricType::kGauge,
                 {Series{render_labels({{"domainname", domainname},
                                        {"machine", uname.machine},
                                        {"nodename", nodename},
                                        {"release", uname.release},
                                        {"sysname", uname.sysname},
                                        {"version", uname.version}}),
                         1.0,
                         {}}}});
}

bool append_os_families(std::string_view system_version_plist, std::vector<MetricFamily>& out) {
  const auto version = darwin::parse_system_version_plist(system_version_plist);
  if (!version) return false;
  // node_exporter's mapping of SystemVersion.plist: name, version, version_id, build_id.
  out.push_back({"node_os_info",
                 "A metric with a constant '1' value labeled by build_id, id, id_like, image_id, image_version, "
                 "name, pretty_name, variant, variant_id, version, version_codename, version_id.",
                 MetricType::kGauge,
                 {Series{render_labels({{"build_id", version->product_build_version},
                                        {"id", ""},
                                        {"id_like", ""},
                                        {"image_id", ""},
                                        {"image_version", ""},
                                        {"name", version->product_name},
                                        {"pretty_name", ""},
                                        {"variant", ""},
                                        {"variant_id", ""},
                                        {"version", version->product_version},
                                        {"version_codename", ""},
                                        {"version_id", version->product_version}}),
                         1.0,
                         {}}}});
  if (const auto number = darwin::major_minor_version(version->product_version); number && *number > 0) {
    out.push_back({"node_os_version",
                   "Metric containing the major.minor part of the OS version.", MetricType::kGauge,
                   {Series{render_labels({{"id", ""}, {"id_like", ""}, {"name", version->product_name}}), *number,
                           {}}}});
  }
  return true;
}

void append_environment_families(const darwin::EnvironmentHints& hints, std::vector<MetricFamily>& out) {
  const darwin::EnvironmentKind kind = darwin::classify_environment(hints);
  const std::string detail = darwin::environment_detail(kind);
  out.push_back(schema::empty_family(schema::kEnvironmentInfo));
  out.back().series.push_back({render_labels({{"platform", "darwin"},
                                              {"virtualization", kind.virtualization},
                                              {"container", "none"},
                                              {"detail", detail}}),
                               1.0,
                               {}});
  // A macOS VM is its own host (as a Linux VM is): no container and no Docker VM in between.
  out.push_back(schema::empty_family(schema::kMeasuresHost));
  out.back().series.push_back({"", 1.0, {}});
}

void append_gpu_families(const std::vector<darwin::GpuReading>& gpus, std::vector<MetricFamily>& out) {
  MetricFamily family = schema::empty_family(schema::kGpuUtilization);
  for (const auto& gpu : gpus) {
    if (!gpu.utilization_percent) continue;
    // Two GPUs of one class (an iGPU and an eGPU) would share `gpu`: the registry id tells them apart.
    family.series.push_back({render_labels({{"gpu", gpu.name}, {"registry_id", std::to_string(gpu.registry_id)}}),
                             std::clamp(*gpu.utilization_percent / 100.0, 0.0, 1.0),
                             {}});
  }
  if (!family.series.empty()) out.push_back(std::move(family));
}

void append_power_supply_families(const std::vector<darwin::PowerSourceReading>& sources,
                                  std::vector<MetricFamily>& out) {
  MetricFamily current{"node_power_supply_current_capacity", "IOKit Power Source information field current_capacity.",
                       MetricType::kGauge, {}};
  MetricFamily max{"node_power_supply_max_capacity", "IOKit Power Source information field max_capacity.",
                   MetricType::kGauge, {}};
  MetricFamily charging{"node_power_supply_charging", "IOKit Power Source information field charging.",
                        MetricType::kGauge, {}};
  MetricFamily state{"node_power_supply_power_source_state",
                     "IOKit Power Source information field power_source_state.", MetricType::kGauge, {}};
  MetricFamily on_ac = schema::empty_family(schema::kPowerOnAc);
  for (const auto& source : sources) {
    const std::string labels = render_labels({{"power_supply", source.name}});
    if (source.current_capacity) current.series.push_back({labels, *source.current_capacity, {}});
    if (source.max_capacity) max.series.push_back({labels, *source.max_capacity, {}});
    charging.series.push_back({labels, source.charging ? 1.0 : 0.0, {}});
    if (source.state.empty()) continue;
    state.series.push_back({render_labels({{"power_supply", source.name}, {"state", source.state}}), 1.0, {}});
    on_ac.series.push_back({labels, source.state == "AC Power" ? 1.0 : 0.0, {}});
  }
  for (auto* family : {&current, &max, &charging, &state, &on_ac}) {
    if (!family->series.empty()) out.push_back(std::move(*family));
  }
}

}  // namespace host_exporter::collectors
