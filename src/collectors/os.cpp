#include "collectors/os.hpp"

#include <array>
#include <charconv>
#include <stdexcept>
#include <string_view>

#include "collectors/definitions.hpp"

namespace host_exporter::collectors {

std::optional<double> os_major_minor_version(std::string_view version_id) {
  std::size_t end = 0;
  while (end < version_id.size() && version_id[end] >= '0' && version_id[end] <= '9') ++end;
  if (end == 0) return std::nullopt;
  if (end < version_id.size() && version_id[end] == '.') {
    ++end;
    while (end < version_id.size() && version_id[end] >= '0' && version_id[end] <= '9') ++end;
  }
  double value = 0;
  const auto [ptr, ec] = std::from_chars(version_id.data(), version_id.data() + end, value);
  if (ec != std::errc()) return std::nullopt;
  return value;
}

std::optional<double> os_support_end_seconds(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto number = [&](std::size_t at, std::size_t length, int& value) {
    const auto [ptr, ec] = std::from_chars(text.data() + at, text.data() + at + length, value);
    return ec == std::errc() && ptr == text.data() + at + length;
  };
  int y = 0, m = 0, d = 0;
  if (!number(0, 4, y) || !number(5, 2, m) || !number(8, 2, d)) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(m)),
                                         std::chrono::day(static_cast<unsigned>(d))};
  if (!date.ok()) return std::nullopt;
  const std::chrono::sys_days days(date);
  return static_cast<double>(std::chrono::duration_cast<std::chrono::seconds>(days.time_since_epoch()).count());
}

OsCollector::OsCollector(const platform::Roots& roots, std::chrono::steady_clock::duration refresh)
    : roots_(roots), refresh_(refresh) {}

namespace {

constexpr std::array<std::string_view, 12> kInfoLabels = {
    "build_id", "id",          "id_like", "image_id",   "image_version",    "name",
    "pretty_name", "variant", "variant_id", "version", "version_codename", "version_id"};
constexpr std::array<std::string_view, 3> kVersionLabels = {"id", "id_like", "name"};
constexpr FamilyDescriptor kInfo{"node_os_info",
                                 "A metric with a constant '1' value labeled by build_id, id, id_like, image_id, "
                                 "image_version, name, pretty_name, variant, variant_id, version, version_codename, "
                                 "version_id.",
                                 MetricType::kGauge, kInfoLabels};
constexpr FamilyDescriptor kVersion{"node_os_version", "Metric containing the major.minor part of the OS version.",
                                    MetricType::kGauge, kVersionLabels};
constexpr FamilyDescriptor kSupportEnd{"node_os_support_end_timestamp_seconds",
                                       "Metric containing the end-of-life date timestamp of the OS.",
                                       MetricType::kGauge, {}};

}  // namespace

void OsCollector::fill(ScrapeContext&, Sink& sink) {
  std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  if (!read_at_ || now - *read_at_ >= refresh_) {
    platform::read_os_release(roots_, reading_);
    read_at_ = now;
    if (reading_.ok()) {
      // Rendered once per read, in name order as node_exporter's output has them.
      const auto& r = reading_;
      const std::string_view values[] = {r.build_id,    r.id,      r.id_like,    r.image_id, r.image_version,
                                         r.name,        r.pretty_name, r.variant, r.variant_id, r.version,
                                         r.version_codename, r.version_id};
      info_labels_.clear();
      for (std::size_t i = 0; i < kInfoLabels.size(); ++i) append_label(info_labels_, kInfoLabels[i], values[i]);
      version_labels_ = render_labels({{"id", r.id}, {"id_like", r.id_like}, {"name", r.name}});
      version_ = os_major_minor_version(r.version_id);
      support_end_ = os_support_end_seconds(r.support_end);
    }
  }
  if (!reading_.ok()) throw std::runtime_error(reading_.error);
  sink.begin(kInfo);
  sink.sample_rendered(info_labels_, 1.0);
  if (version_ && *version_ > 0) {
    sink.begin(kVersion);
    sink.sample_rendered(version_labels_, *version_);
  }
  if (support_end_) sink.single(kSupportEnd, *support_end_);
}

CollectorDefinition os_collector_definition() {
  CollectorDefinition definition;
  definition.name = "os";
  definition.enabled_by_default = true;
  definition.help = "OS release information from /etc/os-release (node_os_info, node_os_version).";
  definition.create = [](const CollectorContext& context) -> std::unique_ptr<HostCollector> {
    return std::make_unique<OsCollector>(context.roots, std::chrono::minutes(5));
  };
  return definition;
}

}  // namespace host_exporter::collectors
