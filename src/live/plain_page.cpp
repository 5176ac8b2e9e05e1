#include "live/plain_page.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "cli/human_units.hpp"
#include "live/host_numbers.hpp"
#include "server/landing_page.hpp"

namespace host_exporter::live {

namespace {

using cli::human_bytes;
using cli::human_percent;
using cli::human_rate;
using server::html_escape;

void row(std::string& page, std::string_view name, const std::string& value) {
  page += "<tr><th>" + html_escape(name) + "</th><td>" + html_escape(value) + "</td></tr>\n";
}

struct Group {
  std::string name;
  double cpu = 0, memory = 0, processes = 0;
};

std::vector<Group> process_groups(const FamilyView& view) {
  std::vector<Group> groups;
  const auto take = [&](std::string_view family, double Group::*field) {
    const MetricFamily* found = view.find(family);
    if (found == nullptr) return;
    for (const auto& series : found->series) {
      const std::string name = label_value(series.labels, "name");
      auto it = std::find_if(groups.begin(), groups.end(), [&](const Group& g) { return g.name == name; });
      if (it == groups.end()) it = groups.insert(groups.end(), Group{name});
      (*it).*field = number_of(series);
    }
  };
  take("host_process_group_cpu_utilization_ratio", &Group::cpu);
  take("host_process_group_resident_memory_bytes", &Group::memory);
  take("host_process_group_processes", &Group::processes);
  std::sort(groups.begin(), groups.end(), [](const Group& a, const Group& b) { return a.cpu > b.cpu; });
  return groups;
}

void series_table(std::string& page, const FamilyView& view, std::string_view title, std::string_view label,
                  std::string_view first, std::string_view second, std::string_view first_name,
                  std::string_view second_name) {
  page += "<h2>" + html_escape(title) + "</h2>\n<table>\n<tr><th>" + html_escape(label) + "</th><th>" +
          html_escape(first_name) + "</th><th>" + html_escape(second_name) + "</th></tr>\n";
  const MetricFamily* a = view.find(first);
  const MetricFamily* b = view.find(second);
  if (a != nullptr) {
    for (const auto& series : a->series) {
      std::string other = "-";
      if (b != nullptr) {
        for (const auto& candidate : b->series) {
          if (candidate.labels == series.labels) other = human_rate(number_of(candidate));
        }
      }
      page += "<tr><td>" + html_escape(label_value(series.labels, label)) + "</td><td>" +
              html_escape(human_rate(number_of(series))) + "</td><td>" + html_escape(other) + "</td></tr>\n";
    }
  }
  page += "</table>\n";
}

}  // namespace

std::string render_plain_page(const std::vector<MetricFamily>& families, const LiveContext& context, double now) {
  const FamilyView view(families);
  const HostNumbers n = read_host_numbers(view, now);
  const int refresh = std::max(1, static_cast<int>(std::lround(context.interval_seconds)));
  std::string page;
  page += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  page += "<meta http-equiv=\"refresh\" content=\"" + std::to_string(refresh) + "\">\n";
  page += "<meta name=\"color-scheme\" content=\"light dark\">\n<title>host_exporter</title>\n</head>\n<body>\n";
  page += "<h1>host_exporter " + html_escape(context.version) + "</h1>\n";
  page += "<p>This build has no charts (it was built without Node.js); the numbers are the same. "
          "<a href=\"/links\">Endpoints</a>.</p>\n";
  if (view.scalar("host_exporter_measures_host").value_or(1) == 0) {
    page += "<p style=\"background:#c62828;color:#fff;padding:0.5em\"><strong>These numbers are not the host's.</strong> " +
            html_escape(context.not_the_host) + "</p>\n";
  }
  page += "<table>\n";
  row(page, "CPU", human_percent(n.cpu_ratio));
  for (std::size_t core = 0; core < n.cores.size(); ++core) {
    row(page, "CPU " + std::to_string(core), human_percent(static_cast<double>(n.cores[core])));
  }
  char load[64];
  std::snprintf(load, sizeof(load), "%.2f %.2f %.2f", n.load1, n.load5, n.load15);
  row(page, "Load", load);
  row(page, "Memory used", human_bytes(n.memory_used));
  row(page, "Memory available", human_bytes(n.memory_available));
  row(page, "Memory cached", human_bytes(n.memory_cached));
  row(page, "Memory free", human_bytes(n.memory_free));
  row(page, "Memory total", human_bytes(n.memory_total));
  row(page, "Swap used", human_bytes(n.swap_used) + " of " + human_bytes(n.swap_total));
  page += "</table>\n";
  page += "<h2>Filesystems</h2>\n<table>\n<tr><th>mount point</th><th>used</th></tr>\n";
  if (const MetricFamily* used = view.find("host_filesystem_used_ratio")) {
    for (const auto& series : used->series) {
      page += "<tr><td>" + html_escape(label_value(series.labels, "mountpoint")) + "</td><td>" +
              html_escape(human_percent(number_of(series))) + "</td></tr>\n";
    }
  }
  page += "</table>\n";
  series_table(page, view, "Disks", "device", "host_disk_read_bytes_per_second", "host_disk_write_bytes_per_second",
               "read", "write");
  series_table(page, view, "Network", "device", "host_network_receive_bytes_per_second",
               "host_network_transmit_bytes_per_second", "receive", "transmit");
  page += "<h2>Process groups</h2>\n<table>\n<tr><th>name</th><th>processes</th><th>CPU</th><th>memory</th></tr>\n";
  for (const Group& group : process_groups(view)) {
    page += "<tr><td>" + html_escape(group.name) + "</td><td>" + std::to_string(std::lround(group.processes)) +
            "</td><td>" + html_escape(human_percent(group.cpu, true)) + "</td><td>" +
            html_escape(human_bytes(group.memory)) + "</td></tr>\n";
  }
  page += "</table>\n</body>\n</html>\n";
  return page;
}

}  // namespace host_exporter::live
