#include "cli/options.hpp"

#include <CLI/CLI.hpp>

#include <charconv>
#include <map>
#include <memory>
#include <stdexcept>

#include <build_info.hpp>  // the generated one

#include "cli/push_flags.hpp"
#include "ingest/default_paths.hpp"
#include "remote_write/agent_flags.hpp"
#include "text/duration.hpp"

namespace host_exporter::cli {

namespace {

// A usage error found after CLI11 is done (a value CLI11 cannot check by type).
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::chrono::milliseconds duration_flag(const std::string& flag, const std::string& value) {
  const auto parsed = text::parse_duration(value);
  if (!parsed) {
    throw UsageError(flag + ": invalid duration \"" + value + "\" (use e.g. 2s, 500ms, 1m)");
  }
  return std::chrono::round<std::chrono::milliseconds>(*parsed);
}

std::string version_text() {
  return std::string("host_exporter version ") + build::kVersion + " (revision " + build::kRevision +
         ", compiler " + build::kCompiler + ")\n";
}

// Storage for the flags generated from the collector table; map nodes stay put,
// so CLI11 can keep pointers into them.
struct CollectorFlagValues {
  std::map<std::string, bool> enable_given, disable_given;
  std::map<const CLI::Option*, std::pair<std::string, bool>> switches;  // option -> (collector, enables)
  std::map<std::string, std::vector<std::string>> values;  // key: "<collector>.<flag>", repeatable flags
  std::map<std::string, std::string> single_values;        // the others
  std::map<std::string, bool> switch_values;                // CollectorFlag::is_switch
  std::map<std::string, CLI::Option*> value_option;
};

void add_collector_flags(CLI::App& app, const std::vector<collectors::CollectorDefinition>& table,
                         CollectorFlagValues& storage) {
  for (const auto& definition : table) {
    const std::string& name = definition.name;
    const std::string help = definition.help + (definition.enabled_by_default ? " (default: enabled" : " (default: disabled") +
                             "; --no-collector." + name + " disables)";
    CLI::Option* enable = app.add_flag("--collector." + name, storage.enable_given[name], help)->group("Collectors");
    // Documented with its --collector.<name> twin; an empty group hides it from --help.
    CLI::Option* disable = app.add_flag("--no-collector." + name, storage.disable_given[name], "")->group("");
    storage.switches[enable] = {name, true};
    storage.switches[disable] = {name, false};
    for (const auto& flag : definition.flags) {
      const std::string key = name + "." + flag.name;
      std::string flag_help = flag.help;
      if (!flag.default_value.empty()) flag_help += " (default: " + flag.default_value + ")";
      if (flag.repeatable) flag_help += " (repeatable)";
      if (flag.is_switch) {
        // One CLI11 flag with a negated name: the last of the two given wins.
        storage.value_option[key] = app.add_flag("--collector." + key + ",!--no-collector." + key,
                                                 storage.switch_values[key], flag_help)
                                        ->group("Collector flags");
        continue;
      }
      CLI::Option* option = flag.repeatable
                                ? app.add_option("--collector." + key, storage.values[key], flag_help)
                                      ->allow_extra_args(false)
                                : app.add_option("--collector." + key, storage.single_values[key], flag_help);
      storage.value_option[key] = option->group("Collector flags")->type_name("VALUE");
    }
  }
}

std::size_t count_flag(const std::string& flag, const std::string& value) {
  std::size_t number = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (value.empty() || ec != std::errc() || end != value.data() + value.size()) {
    throw UsageError(flag + ": expected a whole number >= 0, got \"" + value + "\"");
  }
  return number;
}

void check_telemetry_path(const std::string& path) {
  if (path.empty() || path.front() != '/') {
    throw UsageError("--web.telemetry-path: must start with / (got \"" + path + "\")");
  }
  if (path == "/" || path == "/-/healthy" || path == "/-/ready") {
    throw UsageError("--web.telemetry-path: " + path + " is taken by another endpoint");
  }
}

}  // namespace

ParseResult parse_options(const std::vector<std::string>& args,
                          const std::vector<collectors::CollectorDefinition>& table) {
  Options options;
  ParseResult result;

  CLI::App app{"host_exporter: host and application metrics for Prometheus, measured the way btop does.",
               "host_exporter"};
  app.fallthrough();  // flags given after a subcommand belong to the main program
  app.require_subcommand(0, 1);
  app.get_formatter()->column_width(44);
  // A single-value flag given twice keeps the last value (CLI11 would refuse it; kingpin,
  // node_exporter's parser, refuses it too). Set before any option is added: options and
  // subcommands copy these defaults when created. Repeatable (vector) flags keep every value.
  app.option_defaults()->take_last();

  bool show_version = false;
  app.add_flag("--version", show_version, "Print version, revision and compiler, then exit");

  std::vector<std::string> listen;
  app.add_option("--web.listen-address", listen,
                 "Address to listen on: host:port, [ipv6]:port, or :port for every interface; repeat for several "
                 "(default: 127.0.0.1:9101)")
      ->allow_extra_args(false)
      ->type_name("ADDRESS")
      ->group("Web");
  app.add_option("--web.telemetry-path", options.telemetry_path, "Path under which to expose metrics")
      ->capture_default_str()
      ->type_name("PATH")->group("Web");
  std::string max_requests = "40";
  app.add_option("--web.max-requests", max_requests,
                 "Maximum number of concurrent scrape requests; beyond it a scrape gets 503 (0 = no limit)")
      ->capture_default_str()
      ->type_name("N")
      ->group("Web");
  std::string max_connections = "512";
  app.add_option("--web.max-connections", max_connections,
                 "Maximum number of open connections; beyond it the oldest idle or slow one is closed, or the new "
                 "one when all are being answered (0 = no limit)")
      ->capture_default_str()
      ->type_name("N")
      ->group("Web");
  app.add_option("--web.config.file", options.web_config_file,
                 "Path to a web configuration file (exporter-toolkit format) enabling TLS or basic auth")
      ->type_name("PATH")->group("Web");
  std::string read_timeout = "10s", write_timeout = "10s", idle_timeout = "5s";
  app.add_option("--web.read-timeout", read_timeout,
                 "Longest time a request head may take to arrive, from its first byte; a slower client is closed")
      ->capture_default_str()
      ->type_name("DURATION")
      ->group("Web");
  app.add_option("--web.write-timeout", write_timeout,
                 "Longest pause while a request body is read or a response is written")
      ->capture_default_str()
      ->type_name("DURATION")
      ->group("Web");
  app.add_option("--web.idle-timeout", idle_timeout,
                 "How long a kept-alive connection waits for its next request (whole seconds)")
      ->capture_default_str()
      ->type_name("DURATION")
      ->group("Web");

  app.add_option("--path.procfs", options.roots.procfs, "procfs mountpoint")->capture_default_str()->type_name("PATH")->group("Paths");
  app.add_option("--path.sysfs", options.roots.sysfs, "sysfs mountpoint")->capture_default_str()->type_name("PATH")->group("Paths");
  app.add_option("--path.rootfs", options.roots.rootfs, "rootfs mountpoint")->capture_default_str()->type_name("PATH")->group("Paths");
  app.add_option("--path.udev.data", options.roots.udev_data, "udev data path")->capture_default_str()->type_name("PATH")->group("Paths");

  bool disable_defaults = false;
  app.add_flag("--collector.disable-defaults", disable_defaults,
               "Disable every collector that is on by default; enable the wanted ones with --collector.<name>")
      ->group("Collectors");
  CollectorFlagValues collector_flags;
  add_collector_flags(app, table, collector_flags);

  std::string sampler_interval = "2s";
  app.add_option("--sampler.interval", sampler_interval,
                 "Window over which rates and utilisation are computed (btop's refresh)")
      ->capture_default_str()
      ->type_name("DURATION");
  std::string log_level = "info", log_format = "logfmt";
  app.add_option("--log.level", log_level, "Only log messages with the given severity or above")
      ->capture_default_str()
      ->type_name("NAME")
      ->check(CLI::IsMember({"debug", "info", "warn", "error"}))
      ->group("Logging");
  app.add_option("--log.format", log_format, "Output format of log messages")
      ->capture_default_str()
      ->type_name("NAME")
      ->check(CLI::IsMember({"logfmt", "json"}))
      ->group("Logging");
  PushDurationFlags push_durations;
  add_push_flags(app, options.push, push_durations);
  remote_write::AgentFlagText agent_flags;
  remote_write::add_agent_flags(app, agent_flags);

  CLI::App* serve = app.add_subcommand("serve", "Serve metrics over HTTP (the default)");
  CLI::App* snapshot = app.add_subcommand("snapshot", "Collect once, over one sampler window, and print");
  std::string snapshot_format = "summary";
  snapshot->add_option("--format", snapshot_format, "summary (for people), prometheus (text 0.0.4) or openmetrics")
      ->capture_default_str()
      ->type_name("NAME")
      ->check(CLI::IsMember({"summary", "prometheus", "openmetrics"}));
  snapshot->add_flag("--processes", options.snapshot_processes,
                     "Print the busiest processes (pid, name, threads, user, memory, CPU %) instead");
  snapshot->add_flag("--no-color", options.snapshot_no_color,
                     "No colours in the summary (they are only used on a terminal, and never when NO_COLOR is set)");
  CLI::App* doctor = app.add_subcommand("doctor", "Check which machine is measured and what needs fixing");
  std::string doctor_format = "text";
  doctor->add_option("--format", doctor_format, "text (for people) or json (for scripts)")
      ->capture_default_str()
      ->type_name("NAME")
      ->check(CLI::IsMember({"text", "json"}));
  CLI::App* verify = app.add_subcommand(
      "verify", "Compare what a running Prometheus stores with what this host measures now; exit 1 when they differ");
  verify->add_option("--prometheus", options.verify_prometheus, "Prometheus' URL, e.g. http://127.0.0.1:9090")
      ->required()
      ->type_name("URL");
  verify->add_option("--job", options.verify_job, "The job that scrapes this host's host_exporter")
      ->capture_default_str()
      ->type_name("NAME");
  std::string verify_format = "table";
  verify->add_option("--format", verify_format, "table (for people) or json (for scripts)")
      ->capture_default_str()
      ->type_name("NAME")
      ->check(CLI::IsMember({"table", "json"}));
  std::string verify_window;
  verify->add_option("--window", verify_window,
                     "How long to measure CPU here against the windows Prometheus stores (default: three scrape "
                     "intervals of the job, 8s to 2m)")
      ->type_name("DURATION");
  CLI::App* push = app.add_subcommand("push", "List or delete the pushed groups of a running host_exporter");
  push->require_subcommand(1);
  CLI::App* push_list = push->add_subcommand("list", "List the pushed groups: labels, last push, metrics");
  CLI::App* push_delete = push->add_subcommand("delete", "Delete one pushed group: JOB [LABEL=VALUE ...]");
  for (CLI::App* action : {push_list, push_delete}) {
    action->add_option("--url", options.push_url, "host_exporter's (or a Pushgateway's) URL")
        ->capture_default_str()
        ->type_name("URL");
  }
  push_delete->add_option("job", options.push_job, "The group's job")->required();
  std::vector<std::string> push_label_texts;
  push_delete->add_option("labels", push_label_texts, "The rest of its grouping key, e.g. instance=box/rag_web");
  (void)serve;

  // CLI11 wants argv order reversed when given a vector.
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
    if (show_version) {
      result.out = version_text();
      return result;
    }

    for (const auto& text : listen.empty() ? std::vector<std::string>{"127.0.0.1:9101"} : listen) {
      std::string error;
      auto address = server::parse_listen_address(text, error);
      if (!address) throw UsageError("--web.listen-address: \"" + text + "\": " + error);
      options.listen_addresses.push_back(std::move(*address));
    }
    check_telemetry_path(options.telemetry_path);
    options.max_requests = count_flag("--web.max-requests", max_requests);
    options.max_connections = count_flag("--web.max-connections", max_connections);
    options.read_timeout = duration_flag("--web.read-timeout", read_timeout);
    options.write_timeout = duration_flag("--web.write-timeout", write_timeout);
    const auto idle = duration_flag("--web.idle-timeout", idle_timeout);
    options.idle_timeout = std::chrono::ceil<std::chrono::seconds>(idle);
    if (options.read_timeout.count() <= 0 || options.write_timeout.count() <= 0 || options.idle_timeout.count() <= 0) {
      throw UsageError("--web.read-timeout, --web.write-timeout and --web.idle-timeout must be positive");
    }
    options.sampler_interval = duration_flag("--sampler.interval", sampler_interval);
    if (options.sampler_interval.count() <= 0) throw UsageError("--sampler.interval: must be positive");
    options.push.ttl = duration_flag("--push.ttl", push_durations.ttl);
    options.push.persistence_interval = duration_flag("--push.persistence-interval", push_durations.persistence_interval);
    try {
      const std::string state = agent_flags.urls.empty() ? "" : ingest::default_state_directory();
      options.remote_write = remote_write::apply_agent_flags(agent_flags, state.empty() ? "" : state + "/remote-write");
    } catch (const std::invalid_argument& e) {
      throw UsageError(e.what());
    }
    options.log_level = *log::parse_level(log_level);
    options.log_format = *log::parse_format(log_format);

    for (const auto& definition : table) {
      options.collector_enabled[definition.name] = definition.enabled_by_default && !disable_defaults;
    }
    // --collector.<name> and --no-collector.<name>: the last one given wins.
    for (const CLI::Option* option : app.parse_order()) {
      const auto it = collector_flags.switches.find(option);
      if (it != collector_flags.switches.end()) options.collector_enabled[it->second.first] = it->second.second;
    }
    for (const auto& definition : table) {
      const std::string& name = definition.name;
      collectors::CollectorConfig config = collectors::default_config(definition);
      for (const auto& flag : definition.flags) {
        const std::string key = name + "." + flag.name;
        if (collector_flags.value_option[key]->count() == 0) continue;
        if (flag.is_switch) {
          config.set(flag.name, {collector_flags.switch_values[key] ? "true" : "false"});
          continue;
        }
        config.set(flag.name, flag.repeatable ? collector_flags.values[key]
                                              : std::vector<std::string>{collector_flags.single_values[key]});
      }
      options.collector_config[name] = std::move(config);
    }

    if (doctor->parsed()) {
      options.command = Command::kDoctor;
      options.doctor_json = doctor_format == "json";
    }
    if (verify->parsed()) {
      options.command = Command::kVerify;
      options.verify_json = verify_format == "json";
      if (!verify_window.empty()) {
        options.verify_window = duration_flag("verify --window", verify_window);
        if (options.verify_window.count() <= 0) throw UsageError("verify --window: must be positive");
      }
      if (!options.verify_prometheus.starts_with("http://") && !options.verify_prometheus.starts_with("https://")) {
        throw UsageError("verify --prometheus: expected an http:// or https:// URL, got \"" +
                         options.verify_prometheus + "\"");
      }
      if (options.verify_job.empty()) throw UsageError("verify --job: must not be empty");
    }
    if (push->parsed()) {
      options.command = Command::kPush;
      options.push_delete = push_delete->parsed();
      if (!options.push_url.starts_with("http://") && !options.push_url.starts_with("https://")) {
        throw UsageError("push --url: expected an http:// or https:// URL, got \"" + options.push_url + "\"");
      }
      for (const auto& text : push_label_texts) {
        const auto equals = text.find('=');
        if (equals == std::string::npos || equals == 0) {
          throw UsageError("push delete: expected LABEL=VALUE, got \"" + text + "\"");
        }
        options.push_labels.emplace_back(text.substr(0, equals), text.substr(equals + 1));
      }
    }
    if (snapshot->parsed()) {
      options.command = Command::kSnapshot;
      options.snapshot_format = snapshot_format == "prometheus"    ? SnapshotFormat::kPrometheus
                                : snapshot_format == "openmetrics" ? SnapshotFormat::kOpenMetrics
                                                                   : SnapshotFormat::kSummary;
    }
  } catch (const CLI::CallForHelp&) {
    result.out = app.help();
    return result;
  } catch (const CLI::CallForAllHelp&) {
    result.out = app.help("", CLI::AppFormatMode::All);
    return result;
  } catch (const CLI::ParseError& e) {
    result.exit_code = kUsageError;
    result.err = std::string("host_exporter: error: ") + e.what() + " (see --help)\n";
    return result;
  } catch (const UsageError& e) {
    result.exit_code = kUsageError;
    result.err = std::string("host_exporter: error: ") + e.what() + " (see --help)\n";
    return result;
  }
  result.options = std::move(options);
  return result;
}

}  // namespace host_exporter::cli
