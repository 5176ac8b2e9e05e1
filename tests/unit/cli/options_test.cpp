#include "cli/options.hpp"

#include <gtest/gtest.h>

namespace host_exporter::cli {
namespace {

// A small table standing in for the built-in collectors.
const std::vector<collectors::CollectorDefinition>& fake_table() {
  static const std::vector<collectors::CollectorDefinition> table{
      {"alpha", true, "The alpha collector.",
       {{"exclude", "^lo$", "Regexp of things to exclude.", false},
        {"ignore", "", "Things to ignore.", true},
        {"verbose", "false", "Say more.", false, true}},
       nullptr},
      {"beta", false, "The beta collector.", {}, nullptr},
  };
  return table;
}

ParseResult parse(std::vector<std::string> args) { return parse_options(args, fake_table()); }

Options parse_ok(std::vector<std::string> args) {
  auto result = parse(args);
  EXPECT_TRUE(result.options.has_value()) << result.err;
  EXPECT_EQ(result.exit_code, 0);
  return result.options.value_or(Options{});
}

void expect_usage_error(std::vector<std::string> args, const std::string& mentions) {
  const auto result = parse(args);
  EXPECT_FALSE(result.options.has_value());
  EXPECT_EQ(result.exit_code, kUsageError);
  EXPECT_NE(result.err.find(mentions), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find('\n'), result.err.size() - 1) << "one line: " << result.err;
}

TEST(Options, Defaults) {
  const auto options = parse_ok({});
  EXPECT_EQ(options.command, Command::kServe);
  ASSERT_EQ(options.listen_addresses.size(), 1u);
  EXPECT_EQ(options.listen_addresses[0].host, "127.0.0.1");
  EXPECT_EQ(options.listen_addresses[0].port, 9101);
  EXPECT_EQ(options.telemetry_path, "/metrics");
  EXPECT_EQ(options.max_requests, 40u);
  EXPECT_EQ(options.roots.procfs, "/proc");
  EXPECT_EQ(options.roots.sysfs, "/sys");
  EXPECT_EQ(options.roots.rootfs, "/");
  EXPECT_EQ(options.sampler_interval, std::chrono::milliseconds(2000));
  EXPECT_EQ(options.log_level, log::Level::kInfo);
  EXPECT_EQ(options.log_format, log::Format::kLogfmt);
  EXPECT_TRUE(options.collector_enabled.at("alpha"));
  EXPECT_FALSE(options.collector_enabled.at("beta"));
  EXPECT_EQ(options.collector_config.at("alpha").get("exclude"), "^lo$");
  EXPECT_TRUE(options.collector_config.at("alpha").get_all("ignore").empty());
}

TEST(Options, ServeIsTheDefaultAndCanBeNamed) {
  EXPECT_EQ(parse_ok({"serve"}).command, Command::kServe);
  EXPECT_EQ(parse_ok({"serve", "--web.max-requests=3"}).max_requests, 3u);
}

TEST(Options, RepeatedListenAddresses) {
  const auto options =
      parse_ok({"--web.listen-address=127.0.0.1:1234", "--web.listen-address", "[::1]:1235", "--web.listen-address=:1236"});
  ASSERT_EQ(options.listen_addresses.size(), 3u);
  EXPECT_EQ(options.listen_addresses[0].port, 1234);
  EXPECT_EQ(options.listen_addresses[1].host, "::1");
  EXPECT_EQ(options.listen_addresses[2].host, "::");
}

TEST(Options, WebAndPathFlags) {
  const auto options = parse_ok({"--web.telemetry-path=/m", "--web.max-requests=0", "--web.read-timeout=1500ms",
                                 "--web.write-timeout=1m", "--web.idle-timeout=2s", "--path.procfs=/host/proc",
                                 "--path.sysfs", "/host/sys", "--path.rootfs=/host", "--path.udev.data=/host/run/udev/data",
                                 "--sampler.interval=500ms",
                                 "--log.level=debug", "--log.format=json"});
  EXPECT_EQ(options.telemetry_path, "/m");
  EXPECT_EQ(options.max_requests, 0u);
  EXPECT_EQ(options.read_timeout, std::chrono::milliseconds(1500));
  EXPECT_EQ(options.write_timeout, std::chrono::milliseconds(60000));
  EXPECT_EQ(options.idle_timeout, std::chrono::seconds(2));
  EXPECT_EQ(options.roots.procfs, "/host/proc");
  EXPECT_EQ(options.roots.sysfs, "/host/sys");
  EXPECT_EQ(options.roots.rootfs, "/host");
  EXPECT_EQ(options.roots.udev_data, "/host/run/udev/data");
  EXPECT_EQ(options.sampler_interval, std::chrono::milliseconds(500));
  EXPECT_EQ(options.log_level, log::Level::kDebug);
  EXPECT_EQ(options.log_format, log::Format::kJson);
}

TEST(Options, IdleTimeoutRoundsUpToWholeSeconds) {
  EXPECT_EQ(parse_ok({"--web.idle-timeout=1500ms"}).idle_timeout, std::chrono::seconds(2));
}

TEST(Options, CollectorSwitches) {
  const auto options = parse_ok({"--no-collector.alpha", "--collector.beta"});
  EXPECT_FALSE(options.collector_enabled.at("alpha"));
  EXPECT_TRUE(options.collector_enabled.at("beta"));
}

TEST(Options, TheLastCollectorSwitchWins) {
  EXPECT_TRUE(parse_ok({"--no-collector.alpha", "--collector.alpha"}).collector_enabled.at("alpha"));
  EXPECT_FALSE(parse_ok({"--collector.alpha", "--no-collector.alpha"}).collector_enabled.at("alpha"));
}

TEST(Options, DisableDefaultsKeepsOnlyWhatIsNamed) {
  const auto none = parse_ok({"--collector.disable-defaults"});
  EXPECT_FALSE(none.collector_enabled.at("alpha"));
  EXPECT_FALSE(none.collector_enabled.at("beta"));
  // The order of the flags does not matter.
  const auto some = parse_ok({"--collector.alpha", "--collector.disable-defaults"});
  EXPECT_TRUE(some.collector_enabled.at("alpha"));
  EXPECT_FALSE(some.collector_enabled.at("beta"));
}

TEST(Options, PerCollectorFlags) {
  const auto options = parse_ok({"--collector.alpha.exclude=^eth", "--collector.alpha.exclude=^wl",
                                 "--collector.alpha.ignore=a", "--collector.alpha.ignore", "b"});
  EXPECT_EQ(options.collector_config.at("alpha").get("exclude"), "^wl");  // the last one given
  EXPECT_EQ(options.collector_config.at("alpha").get_all("ignore"), (std::vector<std::string>{"a", "b"}));
}

// node_exporter (kingpin v2) refuses a repeated single-value flag ("flag ... cannot be
// repeated"); host_exporter takes the last value, in every spelling and position, so a
// wrapper that appends an override to a fixed command line works.
TEST(Options, ARepeatedSingleValueFlagTakesTheLast) {
  const auto separated = parse_ok({"--collector.alpha.exclude", "^eth", "--collector.alpha.exclude", "^wl"});
  EXPECT_EQ(separated.collector_config.at("alpha").get("exclude"), "^wl");
  const auto around_subcommand = parse_ok({"--collector.alpha.exclude=^eth", "snapshot", "--collector.alpha.exclude=^wl"});
  EXPECT_EQ(around_subcommand.collector_config.at("alpha").get("exclude"), "^wl");
  const auto after_subcommand = parse_ok({"snapshot", "--collector.alpha.exclude=^eth", "--collector.alpha.exclude=^wl"});
  EXPECT_EQ(after_subcommand.collector_config.at("alpha").get("exclude"), "^wl");
  const auto global = parse_ok({"--web.telemetry-path=/a", "--web.telemetry-path=/b", "--path.procfs=/p",
                                "--path.procfs=/q", "--log.level=debug", "--log.level=warn", "--sampler.interval=1s",
                                "--sampler.interval=3s"});
  EXPECT_EQ(global.telemetry_path, "/b");
  EXPECT_EQ(global.roots.procfs, "/q");
  EXPECT_EQ(global.log_level, log::Level::kWarn);
  EXPECT_EQ(global.sampler_interval, std::chrono::milliseconds(3000));
  EXPECT_EQ(parse_ok({"snapshot", "--format=openmetrics", "--format=prometheus"}).snapshot_format,
            SnapshotFormat::kPrometheus);
}

TEST(Options, SwitchFlagsWorkAloneNegatedOrWithAValue) {
  const auto value = [](std::vector<std::string> args) {
    return parse_ok(std::move(args)).collector_config.at("alpha").get("verbose");
  };
  EXPECT_EQ(value({}), "false");
  EXPECT_EQ(value({"--collector.alpha.verbose"}), "true");
  EXPECT_EQ(value({"--collector.alpha.verbose=true"}), "true");
  EXPECT_EQ(value({"--collector.alpha.verbose=false"}), "false");
  EXPECT_EQ(value({"--no-collector.alpha.verbose"}), "false");
  EXPECT_EQ(value({"--collector.alpha.verbose", "--no-collector.alpha.verbose"}), "false");
  EXPECT_EQ(value({"--no-collector.alpha.verbose", "snapshot", "--collector.alpha.verbose"}), "true");
  // A switch takes no separate argument: the next word is not its value.
  EXPECT_EQ(parse_ok({"--collector.alpha.verbose", "snapshot"}).command, Command::kSnapshot);
  // The switch of a flag is not the collector's own switch.
  EXPECT_TRUE(parse_ok({"--no-collector.alpha.verbose"}).collector_enabled.at("alpha"));
  expect_usage_error({"--collector.alpha.verbose=maybe"}, "--collector.alpha.verbose");
}

TEST(Options, ValuesWithEqualsSignsAndColons) {
  EXPECT_EQ(parse_ok({"--collector.alpha.exclude=a=b:c"}).collector_config.at("alpha").get("exclude"), "a=b:c");
}

TEST(Options, Snapshot) {
  const auto plain = parse_ok({"snapshot"});
  EXPECT_EQ(plain.command, Command::kSnapshot);
  EXPECT_EQ(plain.snapshot_format, SnapshotFormat::kSummary);
  EXPECT_EQ(parse_ok({"snapshot", "--format=prometheus"}).snapshot_format, SnapshotFormat::kPrometheus);
  EXPECT_EQ(parse_ok({"snapshot", "--format", "openmetrics"}).snapshot_format, SnapshotFormat::kOpenMetrics);
  // Global flags may come before or after the subcommand.
  const auto mixed = parse_ok({"--path.procfs=/a", "snapshot", "--no-collector.alpha", "--format=prometheus"});
  EXPECT_EQ(mixed.roots.procfs, "/a");
  EXPECT_FALSE(mixed.collector_enabled.at("alpha"));
}

TEST(Options, Verify) {
  const auto plain = parse_ok({"verify", "--prometheus=http://127.0.0.1:9090"});
  EXPECT_EQ(plain.command, Command::kVerify);
  EXPECT_EQ(plain.verify_prometheus, "http://127.0.0.1:9090");
  EXPECT_EQ(plain.verify_job, "host");
  EXPECT_FALSE(plain.verify_json);
  EXPECT_EQ(plain.verify_window.count(), 0);
  const auto full = parse_ok({"--web.listen-address=127.0.0.1:9200", "verify", "--prometheus", "https://prom:9090/p",
                              "--job", "mac", "--format=json", "--window=30s"});
  EXPECT_EQ(full.verify_job, "mac");
  EXPECT_TRUE(full.verify_json);
  EXPECT_EQ(full.verify_window, std::chrono::seconds(30));
  EXPECT_EQ(full.listen_addresses.front().port, 9200);
  expect_usage_error({"verify"}, "--prometheus");
  expect_usage_error({"verify", "--prometheus=127.0.0.1:9090"}, "http://");
  expect_usage_error({"verify", "--prometheus=http://p:9090", "--format=yaml"}, "--format");
  expect_usage_error({"verify", "--prometheus=http://p:9090", "--window=0s"}, "--window");
}

TEST(Options, BadValuesAreOneLineUsageErrors) {
  expect_usage_error({"--web.max-requests=-1"}, "--web.max-requests");
  expect_usage_error({"--web.max-requests=many"}, "--web.max-requests");
  expect_usage_error({"--web.listen-address=localhost"}, "--web.listen-address");
  expect_usage_error({"--web.listen-address=127.0.0.1:99999"}, "--web.listen-address");
  expect_usage_error({"--web.telemetry-path=metrics"}, "--web.telemetry-path");
  expect_usage_error({"--web.telemetry-path=/-/ready"}, "--web.telemetry-path");
  expect_usage_error({"--sampler.interval=2"}, "--sampler.interval");
  expect_usage_error({"--sampler.interval=0s"}, "--sampler.interval");
  expect_usage_error({"--web.read-timeout=soon"}, "--web.read-timeout");
  expect_usage_error({"--log.level=loud"}, "--log.level");
  expect_usage_error({"--log.format=xml"}, "--log.format");
  expect_usage_error({"snapshot", "--format=yaml"}, "--format");
  expect_usage_error({"--collector.gamma"}, "--collector.gamma");
  expect_usage_error({"--no-such-flag"}, "--no-such-flag");
  expect_usage_error({"unknown-subcommand"}, "unknown-subcommand");
}

TEST(Options, HelpDocumentsEveryFlag) {
  const auto result = parse({"--help"});
  EXPECT_FALSE(result.options.has_value());
  EXPECT_EQ(result.exit_code, 0);
  for (const char* flag :
       {"--web.listen-address", "--web.telemetry-path", "--web.max-requests", "--web.config.file",
        "--web.read-timeout", "--web.write-timeout", "--web.idle-timeout", "--path.procfs", "--path.sysfs",
        "--path.rootfs", "--path.udev.data", "--collector.disable-defaults", "--collector.alpha", "--no-collector.alpha",
        "--collector.beta", "--collector.alpha.exclude", "--collector.alpha.ignore", "--collector.alpha.verbose",
        "--no-collector.alpha.verbose", "--sampler.interval",
        "--log.level", "--log.format", "--version", "snapshot", "serve", "--remote-write.url",
        "--remote-write.interval", "--remote-write.label", "--remote-write.queue-dir", "--remote-write.queue-max-bytes",
        "--remote-write.config.file", "--remote-write.include", "--remote-write.exclude", "--remote-write.timeout"}) {
    EXPECT_NE(result.out.find(flag), std::string::npos) << flag;
  }
}

TEST(Options, AgentModeIsOffUnlessAUrlIsGiven) {
  EXPECT_FALSE(parse({}).options->remote_write.enabled());
  const auto result = parse({"--remote-write.url=http://vm:8428/api/v1/write", "--remote-write.queue-dir=/q",
                             "--remote-write.interval=30s"});
  ASSERT_TRUE(result.options.has_value()) << result.err;
  EXPECT_TRUE(result.options->remote_write.enabled());
  EXPECT_EQ(result.options->remote_write.queue_dir, "/q");
  EXPECT_EQ(result.options->remote_write.interval, std::chrono::seconds(30));
  expect_usage_error({"--remote-write.url=vm:8428"}, "--remote-write.url");
  expect_usage_error({"--remote-write.interval=soon"}, "--remote-write.interval");
}

TEST(Options, VersionNamesVersionRevisionAndCompiler) {
  const auto result = parse({"--version"});
  EXPECT_FALSE(result.options.has_value());
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.out.find("host_exporter version "), std::string::npos);
  EXPECT_NE(result.out.find("revision "), std::string::npos);
  EXPECT_NE(result.out.find("compiler "), std::string::npos);
}

}  // namespace
}  // namespace host_exporter::cli
