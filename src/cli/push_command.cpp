#include "cli/push_command.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "text/push_group_path.hpp"

namespace host_exporter::cli {

namespace {

using json = nlohmann::json;

const char* const kNotMetrics[] = {"labels", "last_push_successful", "push_time_seconds",
                                   "push_failure_time_seconds"};

double push_time_of(const json& group) {
  const auto family = group.find("push_time_seconds");
  if (family == group.end() || !family->contains("metrics") || (*family)["metrics"].empty()) return 0;
  const json& value = (*family)["metrics"][0].value("value", json("0"));
  // Pushgateway's values are strings ("1.7e+09").
  return value.is_string() ? std::strtod(value.get<std::string>().c_str(), nullptr) : value.get<double>();
}

std::string age_text(double seconds) {
  if (seconds < 0) seconds = 0;
  char text[32];
  if (seconds < 120) {
    std::snprintf(text, sizeof text, "%.0f s ago", seconds);
  } else if (seconds < 7200) {
    std::snprintf(text, sizeof text, "%.0f min ago", seconds / 60);
  } else {
    std::snprintf(text, sizeof text, "%.1f h ago", seconds / 3600);
  }
  return text;
}

std::string label_value(const LabelPairs& labels, const std::string& name) {
  for (const auto& [key, value] : labels) {
    if (key == name) return value;
  }
  return {};
}

// "HTTP 404: <first line of the body>", or the connection error.
std::string describe_failure(const HttpReply& reply) {
  if (reply.status == 0) return reply.error.empty() ? "no answer" : reply.error;
  std::string line = reply.body.substr(0, reply.body.find('\n'));
  return "HTTP " + std::to_string(reply.status) + (line.empty() ? "" : ": " + line);
}

std::string trimmed_base(std::string base) {
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

}  // namespace

std::vector<PushedGroup> decode_pushed_groups(const std::string& body) {
  const json answer = json::parse(body, nullptr, false);
  if (answer.is_discarded() || !answer.is_object() || !answer.contains("data") || !answer["data"].is_array()) {
    throw std::runtime_error("not a push API answer (expected {\"status\":\"success\",\"data\":[...]})");
  }
  std::vector<PushedGroup> groups;
  for (const json& entry : answer["data"]) {
    if (!entry.is_object()) continue;
    PushedGroup group;
    const json labels = entry.value("labels", json::object());
    for (const auto& [name, value] : labels.items()) {
      if (value.is_string()) group.labels.emplace_back(name, value.get<std::string>());
    }
    std::sort(group.labels.begin(), group.labels.end());
    group.push_time_seconds = push_time_of(entry);
    for (const auto& [name, value] : entry.items()) {
      if (std::find(std::begin(kNotMetrics), std::end(kNotMetrics), name) == std::end(kNotMetrics)) {
        group.metrics.push_back(name);
      }
    }
    groups.push_back(std::move(group));
  }
  return groups;
}

std::string render_pushed_groups(const std::vector<PushedGroup>& groups, double now_seconds) {
  if (groups.empty()) return "no pushed groups\n";
  std::vector<std::vector<std::string>> rows{{"JOB", "INSTANCE", "OTHER LABELS", "LAST PUSH", "METRICS"}};
  for (const auto& group : groups) {
    std::string others;
    for (const auto& [name, value] : group.labels) {
      if (name != "job" && name != "instance") others += (others.empty() ? "" : ",") + name + "=" + value;
    }
    rows.push_back({label_value(group.labels, "job"), label_value(group.labels, "instance"), others,
                    group.push_time_seconds > 0 ? age_text(now_seconds - group.push_time_seconds) : "never",
                    std::to_string(group.metrics.size())});
  }
  std::vector<std::size_t> widths(rows.front().size(), 0);
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - row[i].size() + 2, ' ');
    }
    out += line + "\n";
  }
  return out;
}

int run_push_list(const HttpCall& http, const std::string& base_url, double now_seconds, std::ostream& out,
                  std::ostream& err) {
  const std::string url = trimmed_base(base_url) + "/api/v1/metrics";
  const HttpReply reply = http("GET", url);
  if (reply.status != 200) {
    err << "host_exporter push list: " << url << ": " << describe_failure(reply) << "\n";
    return 1;
  }
  try {
    out << render_pushed_groups(decode_pushed_groups(reply.body), now_seconds);
  } catch (const std::exception& e) {
    err << "host_exporter push list: " << url << ": " << e.what() << "\n";
    return 1;
  }
  return 0;
}

int run_push_delete(const HttpCall& http, const std::string& base_url, const std::string& job,
                    const LabelPairs& labels, std::ostream& out, std::ostream& err) {
  const std::string url = trimmed_base(base_url) + text::push_group_path(job, labels);
  const HttpReply reply = http("DELETE", url);
  // 202 from the push API and Pushgateway; deleting a group that is not there succeeds too.
  if (reply.status < 200 || reply.status >= 300) {
    err << "host_exporter push delete: " << url << ": " << describe_failure(reply) << "\n";
    return 1;
  }
  out << "deleted " << url << "\n";
  return 0;
}

}  // namespace host_exporter::cli
