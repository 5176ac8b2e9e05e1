#include "live/snapshot_json.hpp"

#include <cmath>
#include <map>

#include "live/host_numbers.hpp"
#include "live/json_text.hpp"

namespace host_exporter::live {

namespace {

using Json = nlohmann::ordered_json;

Json environment(const FamilyView& view, const LiveContext& context) {
  const bool measures_host = view.scalar("host_exporter_measures_host").value_or(1) != 0;
  Json json;
  json["measures_host"] = measures_host;
  if (const MetricFamily* info = view.find("host_exporter_environment_info"); info != nullptr && !info->series.empty()) {
    const std::string& labels = info->series.front().labels;
    for (const char* name : {"platform", "virtualization", "container", "detail"}) {
      json[name] = label_value(labels, name);
    }
  }
  json["fix"] = measures_host ? std::string() : context.not_the_host;
  return json;
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

// One object per row: the label, then each family's value by its field name (null without one).
Json row_object(std::string_view label, const std::string& value, const std::map<std::string, double>& columns,
                std::initializer_list<std::pair<std::string_view, std::string_view>> fields) {
  Json row;
  row[std::string(label)] = value;
  for (const auto& [family, field] : fields) {
    const auto found = columns.find(std::string(family));
    row[std::string(field)] = found != columns.end() ? Json(found->second) : Json(nullptr);
  }
  return row;
}

Json joined(std::string_view label, const Joined& rows,
            std::initializer_list<std::pair<std::string_view, std::string_view>> fields) {
  auto list = Json::array();
  for (const auto& [value, columns] : rows) list.push_back(row_object(label, value, columns, fields));
  return list;
}

Json filesystems(const FamilyView& view) {
  const Joined rows = join_on(view, "mountpoint",
                              {"host_filesystem_used_ratio", "node_filesystem_size_bytes", "node_filesystem_avail_bytes"});
  auto list = Json::array();
  for (const auto& [mountpoint, columns] : rows) {
    if (!columns.contains("host_filesystem_used_ratio")) continue;  // the btop view's mounts only
    list.push_back(row_object("mountpoint", mountpoint, columns,
                              {{"host_filesystem_used_ratio", "used_ratio"},
                               {"node_filesystem_size_bytes", "size_bytes"},
                               {"node_filesystem_avail_bytes", "avail_bytes"}}));
  }
  return list;
}

}  // namespace

std::string SnapshotJson::build(const std::vector<MetricFamily>& families, double now) {
  const FamilyView view(families);
  Json json;
  json["interval_seconds"] = context_.interval_seconds;
  json["version"] = context_.version;
  std::string hostname;
  if (const MetricFamily* uname = view.find("node_uname_info"); uname != nullptr && !uname->series.empty()) {
    hostname = label_value(uname->series.front().labels, "nodename");
  }
  json["hostname"] = hostname;
  write_host_numbers(json, read_host_numbers(view, now));
  // Which sampler window the CPU ratios cover (a page or a test matches them with /metrics by it).
  json["cpu_window_end"] = view.scalar("host_cpu_window_end_timestamp_seconds").value_or(std::nan(""));
  json["environment"] = environment(view, context_);
  json["filesystems"] = filesystems(view);
  json["disks"] = joined("device",
               join_on(view, "device", {"host_disk_read_bytes_per_second", "host_disk_write_bytes_per_second"}),
               {{"host_disk_read_bytes_per_second", "read_bytes_per_second"},
                {"host_disk_write_bytes_per_second", "write_bytes_per_second"}});
  json["networks"] = joined("device",
               join_on(view, "device",
                       {"host_network_receive_bytes_per_second", "host_network_transmit_bytes_per_second"}),
               {{"host_network_receive_bytes_per_second", "receive_bytes_per_second"},
                {"host_network_transmit_bytes_per_second", "transmit_bytes_per_second"}});
  json["process_groups"] = joined("name",
               join_on(view, "name",
                       {"host_process_group_processes", "host_process_group_cpu_utilization_ratio",
                        "host_process_group_resident_memory_bytes", "host_process_group_threads"}),
               {{"host_process_group_processes", "processes"},
                {"host_process_group_cpu_utilization_ratio", "cpu_ratio"},
                {"host_process_group_resident_memory_bytes", "resident_memory_bytes"},
                {"host_process_group_threads", "threads"}});
  json["rag"] = rag_.panel(view, now);
  return json_text(json);
}

}  // namespace host_exporter::live
