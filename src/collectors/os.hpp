#pragma once
// The os collector: node_exporter's node_os_info, node_os_version and
// node_os_support_end_timestamp_seconds from <rootfs>/etc/os-release (falling
// back to <rootfs>/usr/lib/os-release). The file rarely changes, so it is read
// at most once per refresh interval (five minutes by default).

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "collectors/host_collector.hpp"
#include "platform/linux/os_release_reader.hpp"
#include "platform/roots.hpp"

namespace host_exporter::collectors {

// node_exporter's reading of VERSION_ID: the leading "major[.minor]" digits as a
// number ("22.04" -> 22.04, "3.18.4" -> 3.18, "12" -> 12); nullopt when there are none.
std::optional<double> os_major_minor_version(std::string_view version_id);

// SUPPORT_END ("YYYY-MM-DD") as seconds since the epoch at 00:00 UTC; nullopt when malformed.
std::optional<double> os_support_end_seconds(std::string_view support_end);

class OsCollector final : public HostCollector {
 public:
  OsCollector(const platform::Roots& roots, std::chrono::steady_clock::duration refresh);

  void fill(ScrapeContext& scrape, Sink& sink) override;

 private:
  std::mutex mutex_;
  const platform::Roots roots_;
  const std::chrono::steady_clock::duration refresh_;
  std::optional<std::chrono::steady_clock::time_point> read_at_;
  platform::OsReleaseReading reading_;
  std::string info_labels_;     // node_os_info's label text, rendered once per read
  std::string version_labels_;  // node_os_version's
  std::optional<double> version_;
  std::optional<double> support_end_;
};

}  // namespace host_exporter::collectors
