#include "cli/snapshot_summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <unordered_map>

#include "cli/human_units.hpp"

namespace host_exporter::cli {

namespace {

constexpr std::size_t kCoresPerLine = 6;
constexpr std::size_t kNameWidth = 24;  // mountpoints and devices: longer ones are shortened

std::string number(double value) {
  char buffer[64];
  if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15) {
    std::snprintf(buffer, sizeof(buffer), "%.0f", value);
  } else {
    std::snprintf(buffer, sizeof(buffer), "%.6g", value);
  }
  return buffer;
}

// A long name (a deep mountpoint) keeps its end, where names differ: "...v1/python".
std::string shortened(const std::string& text, std::size_t width) {
  return text.size() <= width ? text : "..." + text.substr(text.size() - (width - 3));
}

std::string padded(std::string text, std::size_t width, bool right = false) {
  if (text.size() >= width) return text;
  const std::string fill(width - text.size(), ' ');
  return right ? fill + text : text + fill;
}

// Lookups by family name and label, over one scrape's families.
class Families {
 public:
  explicit Families(const std::vector<MetricFamily>& families) {
    for (const auto& family : families) by_name_.emplace(family.name, &family);
  }

  const MetricFamily* find(std::string_view name) const {
    const auto found = by_name_.find(name);
    return found == by_name_.end() || found->second->series.empty() ? nullptr : found->second;
  }

  std::optional<double> scalar(std::string_view name) const {
    const MetricFamily* family = find(name);
    if (family == nullptr) return std::nullopt;
    const auto* value = std::get_if<double>(&family->series.front().value);
    return value ? std::optional<double>(*value) : std::nullopt;
  }

  // (label value, scalar) for every series of `name`, keyed by the label `key`.
  std::vector<std::pair<std::string, double>> by_label(std::string_view name, std::string_view key) const {
    std::vector<std::pair<std::string, double>> out;
    const MetricFamily* family = find(name);
    if (family == nullptr) return out;
    for (const auto& series : family->series) {
      const auto* value = std::get_if<double>(&series.value);
      const auto label = label_value(series.labels, key);
      if (value != nullptr && label) out.emplace_back(*label, *value);
    }
    return out;
  }

  static std::optional<std::string> label_value(std::string_view labels, std::string_view key) {
    const auto parsed = parse_label_text(labels);
    if (!parsed) return std::nullopt;
    for (const auto& [name, value] : *parsed) {
      if (name == key) return value;
    }
    return std::nullopt;
  }

 private:
  std::unordered_map<std::string_view, const MetricFamily*> by_name_;
};

std::optional<double> lookup(const std::vector<std::pair<std::string, double>>& rows, std::string_view key) {
  for (const auto& [label, value] : rows) {
    if (label == key) return value;
  }
  return std::nullopt;
}

// ANSI decoration, or none.
class Paint {
 public:
  explicit Paint(bool color) : color_(color) {}

  std::string heading(const std::string& text) const { return wrap("1", text); }
  std::string dim(const std::string& text) const { return wrap("2", text); }
  // A meter coloured by how full it is (green, yellow, red), as btop's gradients go.
  std::string meter(double ratio, std::size_t width) const {
    const char* code = ratio >= 0.85 ? "31" : ratio >= 0.6 ? "33" : "32";
    return wrap(code, text_meter(ratio, width));
  }
  // A meter of a quantity that is not "load" (available, free, cached): one colour.
  std::string neutral_meter(double ratio, std::size_t width) const { return wrap("36", text_meter(ratio, width)); }

 private:
  std::string wrap(const char* code, const std::string& text) const {
    return color_ ? "\x1b[" + std::string(code) + "m" + text + "\x1b[0m" : text;
  }
  bool color_;
};

void render_header(const Families& f, const Paint& paint, std::string& out) {
  std::string line;
  if (const MetricFamily* uname = f.find("node_uname_info")) {
    const std::string& labels = uname->series.front().labels;
    line += Families::label_value(labels, "nodename").value_or("?");
    line += "  " + Families::label_value(labels, "sysname").value_or("") + " " +
            Families::label_value(labels, "release").value_or("");
  }
  const auto now = f.scalar("node_time_seconds");
  const auto boot = f.scalar("node_boot_time_seconds");
  if (now && boot) line += "  up " + human_span(*now - *boot);
  if (!line.empty()) out += paint.heading(line) + "\n";

  const MetricFamily* environment = f.find("host_exporter_environment_info");
  const auto measures_host = f.scalar("host_exporter_measures_host");
  if (environment == nullptr && !measures_host) return;
  std::string verdict = "Measuring: ";
  if (environment) verdict += Families::label_value(environment->series.front().labels, "detail").value_or("?");
  if (measures_host) {
    verdict += *measures_host > 0 ? " (the host itself)"
                                  : " -- NOT the host's own numbers; `host_exporter doctor` says what to do";
  }
  out += verdict + "\n";
}

void render_cpu(const Families& f, const Paint& paint, std::string& out) {
  const auto total = f.scalar("host_cpu_utilization_ratio");
  const auto load1 = f.scalar("node_load1"), load5 = f.scalar("node_load5"), load15 = f.scalar("node_load15");
  if (!total && !load1) return;
  std::string line = paint.heading(padded("CPU", 11));
  if (total) {
    line += padded(human_percent(*total, true), 6, true) + "  " + paint.meter(*total, 20);
  }
  if (load1 && load5 && load15) {
    char loads[96];
    std::snprintf(loads, sizeof loads, "  load %.2f %.2f %.2f", *load1, *load5, *load15);
    line += loads;
  }
  out += "\n" + line + "\n";

  auto cores = f.by_label("host_cpu_core_utilization_ratio", "cpu");
  std::sort(cores.begin(), cores.end(), [](const auto& a, const auto& b) {
    return a.first.size() != b.first.size() ? a.first.size() < b.first.size() : a.first < b.first;
  });
  for (std::size_t i = 0; i < cores.size(); ++i) {
    out += "  " + padded("cpu" + cores[i].first, 6) + padded(human_percent(cores[i].second), 4, true);
    if (i % kCoresPerLine == kCoresPerLine - 1 || i + 1 == cores.size()) out += "\n";
  }
}

void render_memory(const Families& f, const Paint& paint, std::string& out) {
  const auto total = f.scalar("host_memory_total_bytes");
  if (!total || *total <= 0) return;
  out += "\n" + paint.heading(padded("Memory", 11)) + "total " + human_bytes(*total) + "\n";
  struct Box {
    const char* label;
    const char* family;
    bool load;  // coloured by how full (used) rather than one colour
  };
  for (const Box& box : {Box{"Used", "host_memory_used_bytes", true},
                         Box{"Available", "host_memory_available_bytes", false},
                         Box{"Cached", "host_memory_cached_bytes", false}, Box{"Free", "host_memory_free_bytes", false}}) {
    const auto value = f.scalar(box.family);
    if (!value) continue;
    const double ratio = *value / *total;
    out += "  " + padded(box.label, 10) + padded(human_bytes(*value), 11, true) + padded(human_percent(ratio), 6, true) +
           "  " + (box.load ? paint.meter(ratio, 10) : paint.neutral_meter(ratio, 10)) + "\n";
  }
  const auto swap_total = f.scalar("host_swap_total_bytes");
  const auto swap_used = f.scalar("host_swap_used_bytes");
  if (swap_total && swap_used) {
    if (*swap_total <= 0) {
      out += "  " + padded("Swap", 10) + padded("none", 11, true) + "\n";
    } else {
      const double ratio = *swap_used / *swap_total;
      out += "  " + padded("Swap", 10) + padded(human_bytes(*swap_used), 11, true) +
             padded(human_percent(ratio), 6, true) + "  " + paint.meter(ratio, 10) + " of " +
             human_bytes(*swap_total) + "\n";
    }
  }
}

void render_filesystems(const Families& f, const Paint& paint, std::string& out) {
  auto used = f.by_label("host_filesystem_used_ratio", "mountpoint");
  if (used.empty()) return;
  std::sort(used.begin(), used.end());
  const auto sizes = f.by_label("node_filesystem_size_bytes", "mountpoint");
  std::size_t width = 10;
  for (const auto& [mountpoint, ratio] : used) width = std::max(width, std::min(mountpoint.size(), kNameWidth));
  out += "\n" + paint.heading("Filesystems") + "\n";
  for (const auto& [mountpoint, ratio] : used) {
    std::string line = "  " + padded(shortened(mountpoint, width), width) + padded(human_percent(ratio, true), 7, true) + "  " +
                       paint.meter(ratio, 10);
    if (const auto size = lookup(sizes, mountpoint)) {
      line += "  " + human_bytes(ratio * *size) + " / " + human_bytes(*size);
    }
    out += line + "\n";
  }
}

// The `rows` busiest devices by the sum of two rates, then by name.
void render_busiest(const Families& f, const Paint& paint, const char* title, const char* first_family,
                    const char* second_family, const char* first_heading, const char* second_heading, std::size_t rows,
                    std::string& out) {
  const auto first = f.by_label(first_family, "device");
  const auto second = f.by_label(second_family, "device");
  if (first.empty() && second.empty()) return;
  struct Row {
    std::string device;
    double a = 0, b = 0;
  };
  std::vector<Row> table;
  for (const auto& [device, value] : first) table.push_back({device, value, lookup(second, device).value_or(0)});
  for (const auto& [device, value] : second) {
    if (!lookup(first, device)) table.push_back({device, 0, value});
  }
  std::sort(table.begin(), table.end(), [](const Row& x, const Row& y) {
    return x.a + x.b != y.a + y.b ? x.a + x.b > y.a + y.b : x.device < y.device;
  });
  const std::size_t shown = std::min(rows, table.size());
  std::size_t width = 10;
  for (std::size_t i = 0; i < shown; ++i) width = std::max(width, std::min(table[i].device.size(), kNameWidth));
  char heading[128];
  std::snprintf(heading, sizeof heading, "%s (busiest %zu of %zu)", title, shown, table.size());
  out += "\n" + paint.heading(heading) + "\n";
  out += paint.dim("  " + padded("", width) + padded(first_heading, 13, true) + padded(second_heading, 13, true)) + "\n";
  for (std::size_t i = 0; i < shown; ++i) {
    out += "  " + padded(shortened(table[i].device, width), width) + padded(human_rate(table[i].a), 13, true) +
           padded(human_rate(table[i].b), 13, true) + "\n";
  }
}

}  // namespace

std::string format_value(std::string_view metric_name, double value) {
  char buffer[64];
  if (!std::isfinite(value)) return number(value);
  if (metric_name.ends_with("_bytes") || metric_name.ends_with("_bytes_total")) return human_bytes(value);
  if (metric_name.ends_with("_ratio")) return human_percent(value, true);
  if (metric_name.ends_with("_seconds") || metric_name.ends_with("_seconds_total")) {
    if (metric_name.ends_with("time_seconds")) return number(value);  // a point in time, not a span
    std::snprintf(buffer, sizeof(buffer), "%.3g s", value);
    return buffer;
  }
  return number(value);
}

std::string render_snapshot_summary(const std::vector<MetricFamily>& families, const SummaryStyle& style) {
  const Families f(families);
  const Paint paint(style.color);
  std::string out;
  render_header(f, paint, out);
  render_cpu(f, paint, out);
  render_memory(f, paint, out);
  render_filesystems(f, paint, out);
  render_busiest(f, paint, "Disks", "host_disk_read_bytes_per_second", "host_disk_write_bytes_per_second", "read",
                 "write", style.busiest_rows, out);
  render_busiest(f, paint, "Network", "host_network_receive_bytes_per_second",
                 "host_network_transmit_bytes_per_second", "receive", "transmit", style.busiest_rows, out);
  if (out.empty()) out = "No host metrics: every host collector is disabled or failed.\n";
  out += "\n" + paint.dim("Every metric: snapshot --format=prometheus; the busiest processes: snapshot --processes") +
         "\n";
  if (!out.empty() && out.front() == '\n') out.erase(0, 1);
  return out;
}

}  // namespace host_exporter::cli
