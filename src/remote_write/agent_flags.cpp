#include "remote_write/agent_flags.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "host_exporter/metric_family.hpp"
#include "http_client/http_client.hpp"
#include "remote_write/family_selection.hpp"
#include "text/duration.hpp"

namespace host_exporter::remote_write {

namespace {

std::chrono::milliseconds positive_duration(const std::string& flag, const std::string& value) {
  const auto parsed = text::parse_duration(value);
  const auto ms = parsed ? std::chrono::round<std::chrono::milliseconds>(*parsed) : std::chrono::milliseconds(0);
  if (!parsed || ms.count() <= 0) {
    throw std::invalid_argument(flag + ": expected a positive duration such as 15s or 1m, got \"" + value + "\"");
  }
  return ms;
}

}  // namespace

std::optional<std::uint64_t> parse_byte_size(const std::string& text) {
  std::uint64_t number = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (text.empty() || ec != std::errc()) return std::nullopt;
  const std::string unit(end, text.data() + text.size());
  static const std::pair<const char*, std::uint64_t> kUnits[] = {
      {"", 1},          {"B", 1},           {"KiB", 1ull << 10}, {"MiB", 1ull << 20}, {"GiB", 1ull << 30},
      {"KB", 1000},     {"MB", 1000'000},   {"GB", 1000'000'000}};
  for (const auto& [name, factor] : kUnits) {
    if (unit != name) continue;
    if (number > UINT64_MAX / factor) return std::nullopt;
    return number * factor;
  }
  return std::nullopt;
}

void add_agent_flags(CLI::App& app, AgentFlagText& text) {
  const char* group = "Agent mode (remote write)";
  app.add_option("--remote-write.url", text.urls,
                 "Send every sample to this Prometheus remote-write 1.0 endpoint, e.g. "
                 "http://vm:8428/api/v1/write (repeatable; none: agent mode is off)")
      ->allow_extra_args(false)
      ->type_name("URL")
      ->group(group);
  app.add_option("--remote-write.interval", text.interval, "How often to gather and queue the samples")
      ->capture_default_str()
      ->type_name("DURATION")
      ->group(group);
  app.add_option("--remote-write.label", text.labels,
                 "An external label name=value added to every series that lacks it (repeatable; "
                 "instance=<hostname> unless given)")
      ->allow_extra_args(false)
      ->type_name("NAME=VALUE")
      ->group(group);
  app.add_option("--remote-write.queue-dir", text.queue_dir,
                 "Directory of the on-disk queue (default: remote-write in the state directory)")
      ->type_name("PATH")
      ->group(group);
  app.add_option("--remote-write.queue-max-bytes", text.queue_max_bytes,
                 "Size cap of each destination's queue; past it the oldest batches are dropped (e.g. 256MiB, 1GB)")
      ->capture_default_str()
      ->type_name("SIZE")
      ->group(group);
  app.add_option("--remote-write.config.file", text.config_file,
                 "YAML file with basic_auth, authorization (bearer), tls_config and headers for the receivers")
      ->type_name("PATH")
      ->group(group);
  app.add_option("--remote-write.include", text.include, "Send only families whose name matches this regex")
      ->type_name("REGEX")
      ->group(group);
  app.add_option("--remote-write.exclude", text.exclude, "Do not send families whose name matches this regex")
      ->type_name("REGEX")
      ->group(group);
  app.add_option("--remote-write.timeout", text.timeout, "Longest time one request may take, connect to answer")
      ->capture_default_str()
      ->type_name("DURATION")
      ->group(group);
}

AgentOptions apply_agent_flags(const AgentFlagText& text, const std::string& default_queue_dir) {
  AgentOptions options;
  for (const std::string& url : text.urls) {
    try {
      http::parse_url(url);
    } catch (const http::ClientError& e) {
      throw std::invalid_argument("--remote-write.url: " + std::string(e.what()));
    }
    if (std::find(options.urls.begin(), options.urls.end(), url) != options.urls.end()) {
      throw std::invalid_argument("--remote-write.url: \"" + url + "\" is given twice");
    }
    options.urls.push_back(url);
  }
  options.interval = positive_duration("--remote-write.interval", text.interval);
  options.send_timeout = positive_duration("--remote-write.timeout", text.timeout);
  for (const std::string& label : text.labels) {
    const auto equals = label.find('=');
    const std::string name = label.substr(0, equals);
    if (equals == std::string::npos || !is_valid_label_name(name)) {
      throw std::invalid_argument(
          "--remote-write.label: expected name=value with a valid label name (not starting with __), got \"" + label +
          "\"");
    }
    const bool repeated = std::any_of(options.labels.begin(), options.labels.end(),
                                      [&](const auto& given) { return given.first == name; });
    if (repeated) throw std::invalid_argument("--remote-write.label: \"" + name + "\" is given twice");
    options.labels.emplace_back(name, label.substr(equals + 1));
  }
  const auto max_bytes = parse_byte_size(text.queue_max_bytes);
  if (!max_bytes || *max_bytes < 64 * 1024) {
    throw std::invalid_argument("--remote-write.queue-max-bytes: expected a size of at least 64KiB (e.g. 256MiB), "
                                "got \"" + text.queue_max_bytes + "\"");
  }
  options.queue_max_bytes = *max_bytes;
  options.queue_dir = text.queue_dir.empty() ? default_queue_dir : text.queue_dir;
  if (options.enabled() && options.queue_dir.empty()) {
    throw std::invalid_argument("--remote-write.queue-dir: no default (HOME is not set); give a directory");
  }
  options.config_file = text.config_file;
  options.include = text.include;
  options.exclude = text.exclude;
  FamilySelection check(options.include, options.exclude);  // a bad regex is a usage error, now
  return options;
}

}  // namespace host_exporter::remote_write
