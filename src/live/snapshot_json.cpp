#include "live/snapshot_json.hpp"

#include <cmath>
#include <map>

#include "live/host_numbers.hpp"

namespace host_exporter::live {

namespace {

void write_environment(JsonWriter& json, const FamilyView& view, const LiveContext& context) {
  const bool measures_host = view.scalar("host_exporter_measures_host").value_or(1) != 0;
  json.key("environment").begin_object();
  json.key("measures_host").boolean(measures_host);
  if (const MetricFamily* info = view.find("host_exporter_environment_info"); info != nullptr && !info->series.empty()) {
    const std::string& labels = info->series.front().labels;
    for (const char* name : {"platform", "virtualization", "container", "detail"}) {
      json.field(name, label_value(labels, name));
    }
  }
  json.field("fix", measures_host ? std::string() : context.not_the_host);
  json.end_object();
}

// Series of several families joined on one label: {label value -> {family -> value}}.
using Joined = std::map<std::string, std::map<std::string, double>>;

Joined join_on(const FamilyView& view, std::string_view label, std::initializer_list<std::string_view> names) {
  Joined rows;
  for (const std::string_view name : names) {
    const MetricFamily* family = view.find(name);
    if (family == nullptr) continue;
    for (const auto& series : family->series) {
      rows[label_value(series.labels, label)][std::string(name)] = number_of(series);
    }
  }
  return rows;
}

void write_joined(JsonWriter& json, std::string_view key, std::string_view label, const Joined& rows,
                  std::initializer_list<std::pair<std::string_view, std::string_view>> fields) {
  json.key(key).begin_array();
  for (const auto& [value, columns] : rows) {
    json.begin_object().field(label, value);
    for (const auto& [family, field] : fields) {
      const auto found = columns.find(std::string(family));
      json.key(field);
      if (found != columns.end()) json.number(found->second); else json.null();
    }
    json.end_object();
  }
  json.end_array();
}

void write_filesystems(JsonWriter& json, const FamilyView& view) {
  const Joined rows = join_on(view, "mountpoint",
                              {"host_filesystem_used_ratio", "node_filesystem_size_bytes", "node_filesystem_avail_bytes"});
  json.key("filesystems").begin_array();
  for (const auto& [mountpoint, columns] : rows) {
    if (!columns.contains("host_filesystem_used_ratio")) continue;  // the btop view's mounts only
    json.begin_object().field("mountpoint", mountpoint);
    for (const auto& [family, field] : {std::pair{"host_filesystem_used_ratio", "used_ratio"},
                                        std::pair{"node_filesystem_size_bytes", "size_bytes"},
                                        std::pair{"node_filesystem_avail_bytes", "avail_bytes"}}) {
      const auto found = columns.find(family);
      json.key(field);
      if (found != columns.end()) json.number(found->second); else json.null();
    }
    json.end_object();
  }
  json.end_array();
}

}  // namespace

std::string SnapshotJson::build(const std::vector<MetricFamily>& families, double now) {
  const FamilyView view(families);
  JsonWriter json;
  json.begin_object();
  json.field("interval_seconds", context_.interval_seconds);
  json.field("version", context_.version);
  std::string hostname;
  if (const MetricFamily* uname = view.find("node_uname_info"); uname != nullptr && !uname->series.empty()) {
    hostname = label_value(uname->series.front().labels, "nodename");
  }
  json.field("hostname", hostname);
  write_host_numbers(json, read_host_numbers(view, now));
  // Which sampler window the CPU ratios cover (a page or a test matches them with /metrics by it).
  json.field("cpu_window_end", view.scalar("host_cpu_window_end_timestamp_seconds").value_or(std::nan("")));
  write_environment(json, view, context_);
  write_filesystems(json, view);
  write_joined(json, "disks", "device",
               join_on(view, "device", {"host_disk_read_bytes_per_second", "host_disk_write_bytes_per_second"}),
               {{"host_disk_read_bytes_per_second", "read_bytes_per_second"},
                {"host_disk_write_bytes_per_second", "write_bytes_per_second"}});
  write_joined(json, "networks", "device",
               join_on(view, "device",
                       {"host_network_receive_bytes_per_second", "host_network_transmit_bytes_per_second"}),
               {{"host_network_receive_bytes_per_second", "receive_bytes_per_second"},
                {"host_network_transmit_bytes_per_second", "transmit_bytes_per_second"}});
  write_joined(json, "process_groups", "name",
               join_on(view, "name",
                       {"host_process_group_processes", "host_process_group_cpu_utilization_ratio",
                        "host_process_group_resident_memory_bytes", "host_process_group_threads"}),
               {{"host_process_group_processes", "processes"},
                {"host_process_group_cpu_utilization_ratio", "cpu_ratio"},
                {"host_process_group_resident_memory_bytes", "resident_memory_bytes"},
                {"host_process_group_threads", "threads"}});
  rag_.write(json, view, now);
  json.end_object();
  return json.take();
}

}  // namespace host_exporter::live
