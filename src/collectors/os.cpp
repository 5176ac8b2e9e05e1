#include "collectors/os.hpp"

#include <charconv>
#include <stdexcept>

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

void OsCollector::render() {
  families_.clear();
  const auto& r = reading_;
  std::string labels;  // in name order, as node_exporter's output has them
  append_label(labels, "build_id", r.build_id);
  append_label(labels, "id", r.id);
  append_label(labels, "id_like", r.id_like);
  append_label(labels, "image_id", r.image_id);
  append_label(labels, "image_version", r.image_version);
  append_label(labels, "name", r.name);
  append_label(labels, "pretty_name", r.pretty_name);
  append_label(labels, "variant", r.variant);
  append_label(labels, "variant_id", r.variant_id);
  append_label(labels, "version", r.version);
  append_label(labels, "version_codename", r.version_codename);
  append_label(labels, "version_id", r.version_id);
  families_.push_back({"node_os_info",
                       "A metric with a constant '1' value labeled by build_id, id, id_like, image_id, image_version, "
                       "name, pretty_name, variant, variant_id, version, version_codename, version_id.",
                       MetricType::kGauge,
                       {{std::move(labels), 1.0, {}}}});
  const auto version = os_major_minor_version(r.version_id);
  if (version && *version > 0) {
    families_.push_back({"node_os_version",
                         "Metric containing the major.minor part of the OS version.",
                         MetricType::kGauge,
                         {{render_labels({{"id", r.id}, {"id_like", r.id_like}, {"name", r.name}}), *version, {}}}});
  }
  if (const auto end = os_support_end_seconds(r.support_end)) {
    families_.push_back({"node_os_support_end_timestamp_seconds",
                         "Metric containing the end-of-life date timestamp of the OS.",
                         MetricType::kGauge,
                         {{"", *end, {}}}});
  }
}

void OsCollector::collect(std::vector<MetricFamily>& out) {
  std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  if (!read_at_ || now - *read_at_ >= refresh_) {
    platform::read_os_release(roots_, reading_);
    read_at_ = now;
    if (reading_.ok()) render();
  }
  if (!reading_.ok()) throw std::runtime_error(reading_.error);
  out.insert(out.end(), families_.begin(), families_.end());
}

CollectorDefinition os_collector_definition() {
  CollectorDefinition definition;
  definition.name = "os";
  definition.enabled_by_default = true;
  definition.help = "OS release information from /etc/os-release (node_os_info, node_os_version).";
  definition.create = [](const CollectorContext& context) -> std::unique_ptr<Collector> {
    return std::make_unique<OsCollector>(context.roots, std::chrono::minutes(5));
  };
  return definition;
}

}  // namespace host_exporter::collectors
