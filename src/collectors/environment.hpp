#pragma once
// The environment collector: which machine the numbers describe.
//
//   host_exporter_environment_info{platform,virtualization,container,detail} 1
//   host_exporter_measures_host  1, or 0 inside a container or Docker Desktop's VM
//
// Detected once when built and again at most every `refresh` (10 minutes by default):
// the answer only changes when the machine does.

#include <chrono>
#include <mutex>
#include <string>

#include "collectors/host_collector.hpp"
#include "platform/environment.hpp"
#include "platform/roots.hpp"

namespace host_exporter::collectors {

class EnvironmentCollector final : public HostCollector {
 public:
  EnvironmentCollector(platform::Roots roots, platform::EnvironmentVariables variables,
                       std::chrono::steady_clock::duration refresh = std::chrono::minutes(10));
  void fill(ScrapeContext& scrape, Sink& sink) override;

 private:
  std::mutex mutex_;
  platform::Roots roots_;
  platform::EnvironmentVariables variables_;
  std::chrono::steady_clock::duration refresh_;
  std::chrono::steady_clock::time_point detected_at_;
  std::string info_labels_;
  bool measures_host_ = true;
};

// What the numbers are instead of the host's, and how to measure the host; empty
// when the reading is the host's. Shared by the start-up warning and doctor.
std::string not_the_host_message(const platform::EnvironmentReading& reading);

// For the serve path, called once at start: detects the environment and, inside a
// container or Docker Desktop's VM, logs ONE warning saying what is measured instead
// of the host and how to run natively. Returns the reading.
platform::EnvironmentReading warn_if_not_measuring_host(const platform::Roots& roots);

}  // namespace host_exporter::collectors
