#include "cli/snapshot_summary.hpp"

#include <cmath>
#include <cstdio>
#include <map>

namespace host_exporter::cli {

namespace {

// node_memory_MemTotal_bytes -> node_memory; process_open_fds -> process.
std::string subsystem(const std::string& name) {
  const auto first = name.find('_');
  if (first == std::string::npos) return name;
  const std::string head = name.substr(0, first);
  if (head != "node" && head != "host") return head;
  const auto second = name.find('_', first + 1);
  return second == std::string::npos ? name : name.substr(0, second);
}

std::string number(double value) {
  char buffer[64];
  if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15) {
    std::snprintf(buffer, sizeof(buffer), "%.0f", value);
  } else {
    std::snprintf(buffer, sizeof(buffer), "%.6g", value);
  }
  return buffer;
}

}  // namespace

std::string format_value(std::string_view metric_name, double value) {
  char buffer[64];
  if (!std::isfinite(value)) return number(value);
  if (metric_name.ends_with("_bytes") || metric_name.ends_with("_bytes_total")) {
    static constexpr const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    double scaled = value;
    std::size_t unit = 0;
    while (std::fabs(scaled) >= 1024 && unit + 1 < std::size(kUnits)) {
      scaled /= 1024;
      ++unit;
    }
    if (unit == 0) return number(value) + " B";
    std::snprintf(buffer, sizeof(buffer), "%.1f %s", scaled, kUnits[unit]);
    return buffer;
  }
  if (metric_name.ends_with("_ratio")) {
    std::snprintf(buffer, sizeof(buffer), "%.1f%%", value * 100);
    return buffer;
  }
  if (metric_name.ends_with("_seconds") || metric_name.ends_with("_seconds_total")) {
    if (metric_name.ends_with("time_seconds")) return number(value);  // a point in time, not a span
    std::snprintf(buffer, sizeof(buffer), "%.3g s", value);
    return buffer;
  }
  return number(value);
}

std::string render_snapshot_summary(const std::vector<MetricFamily>& families) {
  std::map<std::string, std::vector<const MetricFamily*>> groups;
  for (const auto& family : families) {
    if (!family.series.empty()) groups[subsystem(family.name)].push_back(&family);
  }
  std::string out;
  for (const auto& [group, members] : groups) {
    out += group + "\n";
    for (const MetricFamily* family : members) {
      for (const auto& series : family->series) {
        std::string line = "  " + family->name;
        if (!series.labels.empty()) line += "{" + series.labels + "}";
        if (line.size() < 60) line.append(60 - line.size(), ' ');
        line += "  ";
        if (const auto* scalar = std::get_if<double>(&series.value)) {
          line += format_value(family->name, *scalar);
        } else if (const auto* histogram = std::get_if<HistogramValue>(&series.value)) {
          line += "count " + number(histogram->count) + ", sum " + format_value(family->name, histogram->sum);
        } else if (const auto* summary = std::get_if<SummaryValue>(&series.value)) {
          line += "count " + number(summary->count) + ", sum " + format_value(family->name, summary->sum);
        }
        out += line + "\n";
      }
    }
  }
  return out;
}

}  // namespace host_exporter::cli
