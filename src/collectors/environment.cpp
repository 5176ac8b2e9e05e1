#include "collectors/environment.hpp"

#include "collectors/definitions.hpp"
#include "collectors/host_schema.hpp"
#include "log/log.hpp"

namespace host_exporter::collectors {

EnvironmentCollector::EnvironmentCollector(platform::Roots roots, platform::EnvironmentVariables variables,
                                           std::chrono::steady_clock::duration refresh)
    : roots_(std::move(roots)), variables_(std::move(variables)), refresh_(refresh) {}

void EnvironmentCollector::fill(ScrapeContext&, Sink& sink) {
  std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  if (info_labels_.empty() || now - detected_at_ >= refresh_) {
    const auto reading = platform::detect_environment(roots_, variables_);
    info_labels_ = render_labels({{"platform", reading.platform},
                                  {"virtualization", reading.virtualization},
                                  {"container", reading.container},
                                  {"detail", reading.detail}});
    measures_host_ = reading.measures_host();
    detected_at_ = now;
  }
  sink.begin(schema::kEnvironmentInfo.family);
  sink.sample_rendered(info_labels_, 1.0);
  sink.single(schema::kMeasuresHost.family, measures_host_ ? 1.0 : 0.0);
}

std::string not_the_host_message(const platform::EnvironmentReading& reading) {
  if (reading.measures_host()) return {};
  std::string text = "host_exporter runs in " + reading.described() + ": its CPU, memory, disk and process numbers are ";
  if (reading.docker_desktop) {
    text += "Docker Desktop's Linux VM's, not your computer's (the VM has only the CPUs and memory Docker Desktop "
            "gives it). Run host_exporter natively on the host instead of in a container (on a Mac: the native "
            "macOS binary); containers reach it at host.docker.internal:9101.";
  } else {
    text += "the container's view, not the host's. Run host_exporter natively on the host (a package or the "
            "binary as a systemd service), not in a container.";
  }
  return text;
}

platform::EnvironmentReading warn_if_not_measuring_host(const platform::Roots& roots) {
  auto reading = platform::detect_environment(roots, platform::environment_variables_for(roots));
  if (!reading.measures_host()) {
    std::string evidence;
    for (const auto& item : reading.evidence) evidence += (evidence.empty() ? "" : "; ") + item;
    log::warn(not_the_host_message(reading), {{"environment", reading.detail}, {"evidence", evidence}});
  }
  return reading;
}

CollectorDefinition environment_collector_definition() {
  CollectorDefinition definition;
  definition.name = "environment";
  definition.enabled_by_default = true;
  definition.help = "Which machine is measured: bare metal, VM, container, WSL or Docker Desktop's VM.";
  definition.create = [](const CollectorContext& context) -> std::unique_ptr<HostCollector> {
    return std::make_unique<EnvironmentCollector>(context.roots, platform::environment_variables_for(context.roots));
  };
  return definition;
}

}  // namespace host_exporter::collectors
