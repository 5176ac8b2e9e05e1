// The netdev collector: node_exporter's node_network_* counters from /proc/net/dev
// and btop's per-second rates over a controlled window, counter resets included.

#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>

#include "collectors/definitions.hpp"
#include "collectors/netdev.hpp"
#include "collectors/sampler.hpp"
#include "family_lookup.hpp"
#include "rate_fixture_tree.hpp"

namespace host_exporter::collectors {
namespace {

using test::collect;
using test::find_family;
using test::find_value;
using test::fixture_roots;
using test::series_labels;

TEST(NetdevCollector, NamesEveryColumnAsNodeExporterDoes) {
  NetdevCollector collector(fixture_roots("edge/netdev-counter-reset/t0"), DeviceFilter(), nullptr);
  std::vector<MetricFamily> out;
  collector.collect(out);
  const std::vector<std::pair<const char*, double>> eth0 = {
      {"node_network_receive_bytes_total", 59738058}, {"node_network_receive_packets_total", 1285},
      {"node_network_receive_errs_total", 1},         {"node_network_receive_drop_total", 2},
      {"node_network_receive_fifo_total", 3},         {"node_network_receive_frame_total", 4},
      {"node_network_receive_compressed_total", 5},   {"node_network_receive_multicast_total", 6},
      {"node_network_transmit_bytes_total", 54801},   {"node_network_transmit_packets_total", 660},
      {"node_network_transmit_errs_total", 7},        {"node_network_transmit_drop_total", 8},
      {"node_network_transmit_fifo_total", 9},        {"node_network_transmit_colls_total", 10},
      {"node_network_transmit_carrier_total", 11},    {"node_network_transmit_compressed_total", 12}};
  ASSERT_EQ(out.size(), eth0.size());  // no sampler: no host_network_* families
  for (const auto& [name, value] : eth0) {
    EXPECT_EQ(find_value(out, name, R"(device="eth0")"), value) << name;
    EXPECT_EQ(find_family(out, name)->type, MetricType::kCounter) << name;
  }
  EXPECT_EQ(find_family(out, "node_network_receive_errs_total")->help, "Network device statistic receive_errs.");
  EXPECT_EQ(series_labels(out, "node_network_receive_bytes_total"),
            (std::vector<std::string>{R"(device="lo")", R"(device="eth0")", R"(device="veth1")"}));
}

TEST(NetdevCollector, TakesReceiveNohandlerFromSysfsWhereTheDeviceHasIt) {
  NetdevCollector collector(fixture_roots("edge/netdev-nohandler"), DeviceFilter("^wg", "", "net"), nullptr);
  std::vector<MetricFamily> out;
  collector.collect(out);
  const MetricFamily* nohandler = find_family(out, "node_network_receive_nohandler_total");
  ASSERT_NE(nohandler, nullptr);
  EXPECT_EQ(nohandler->type, MetricType::kCounter);
  EXPECT_EQ(nohandler->help, "Network device statistic receive_nohandler.");
  // veth1 has no file, wg0 is filtered out (and its file holds no number).
  EXPECT_EQ(series_labels(out, "node_network_receive_nohandler_total"),
            (std::vector<std::string>{R"(device="lo")", R"(device="eth0")"}));
  EXPECT_EQ(find_value(out, "node_network_receive_nohandler_total", R"(device="lo")"), 0.0);
  EXPECT_EQ(find_value(out, "node_network_receive_nohandler_total", R"(device="eth0")"), 18446744073709551615.0);

  NetdevCollector unfiltered(fixture_roots("edge/netdev-nohandler"), DeviceFilter(), nullptr);
  out.clear();
  unfiltered.collect(out);
  EXPECT_EQ(series_labels(out, "node_network_receive_nohandler_total"),
            (std::vector<std::string>{R"(device="lo")", R"(device="eth0")"}));  // wg0's "n/a": no sample
  EXPECT_EQ(series_labels(out, "node_network_receive_bytes_total").size(), 4u);
}

TEST(NetdevCollector, ReadsTheRecordedDebian12File) {
  NetdevCollector collector(fixture_roots("linux-debian12"), DeviceFilter(), nullptr);
  std::vector<MetricFamily> out;
  collector.collect(out);
  EXPECT_TRUE(find_value(out, "node_network_receive_bytes_total", R"(device="eth0")"));
  EXPECT_EQ(find_value(out, "node_network_receive_bytes_total", R"(device="lo")"),
            find_value(out, "node_network_transmit_bytes_total", R"(device="lo")"));
  EXPECT_EQ(series_labels(out, "node_network_receive_nohandler_total"),
            series_labels(out, "node_network_receive_bytes_total"));
}

TEST(NetdevCollector, AppliesExcludeAndInclude) {
  std::vector<MetricFamily> out;
  NetdevCollector excluding(fixture_roots("edge/netdev-counter-reset/t0"), DeviceFilter("^(lo|veth.*)$", "", "net"),
                            nullptr);
  excluding.collect(out);
  EXPECT_EQ(series_labels(out, "node_network_transmit_bytes_total"), std::vector<std::string>{R"(device="eth0")"});

  out.clear();
  NetdevCollector including(fixture_roots("edge/netdev-counter-reset/t0"), DeviceFilter("", "^veth", "net"), nullptr);
  including.collect(out);
  EXPECT_EQ(series_labels(out, "node_network_transmit_bytes_total"), std::vector<std::string>{R"(device="veth1")"});
}

TEST(NetdevDefinition, ExcludeAndIncludeTogetherAreRefused) {
  const CollectorDefinition definition = netdev_collector_definition();
  CollectorContext context;
  context.roots = fixture_roots("edge/netdev-counter-reset/t0");
  context.config = default_config(definition);
  context.config.set("device-exclude", {"^lo$"});
  EXPECT_NO_THROW(definition.create(context));
  context.config.set("device-include", {"^eth"});
  EXPECT_THROW(definition.create(context), std::invalid_argument);
}

TEST(NetworkRateSampler, GivesZeroForACounterThatWentBackwards) {
  test::RateFixtureTree tree;
  auto source = std::make_shared<RateSource>("network", DeviceFilter(), network_rate_sampler(tree.roots()));
  NetdevCollector collector(tree.roots(), DeviceFilter(), source);
  const auto t0 = std::chrono::steady_clock::time_point(std::chrono::seconds(500));

  tree.sample(*source, "edge/netdev-counter-reset/t0", "net/dev", t0);
  EXPECT_EQ(find_family(collect(collector), "host_network_receive_bytes_per_second"), nullptr);  // no window yet

  tree.sample(*source, "edge/netdev-counter-reset/t1", "net/dev", t0 + std::chrono::seconds(2));
  const std::vector<MetricFamily> after = collect(collector);
  // wg0 appeared in the second reading: no rate until it has a full window.
  EXPECT_EQ(series_labels(after, "host_network_receive_bytes_per_second"),
            (std::vector<std::string>{R"(device="lo")", R"(device="eth0")", R"(device="veth1")"}));
  EXPECT_DOUBLE_EQ(*find_value(after, "host_network_receive_bytes_per_second", R"(device="eth0")"), 100000.0);
  EXPECT_DOUBLE_EQ(*find_value(after, "host_network_transmit_bytes_per_second", R"(device="eth0")"), 5000.0);
  EXPECT_EQ(find_value(after, "host_network_receive_bytes_per_second", R"(device="veth1")"), 0.0);
  EXPECT_EQ(find_value(after, "host_network_transmit_bytes_per_second", R"(device="veth1")"), 0.0);
  EXPECT_EQ(find_value(after, "host_network_receive_bytes_per_second", R"(device="lo")"), 0.0);

  // The next window measures from the reset value: veth1 grows again from 1500.
  source->take_sample(t0 + std::chrono::seconds(4));
  std::vector<MetricFamily> steady;
  collector.collect(steady);
  EXPECT_EQ(find_value(steady, "host_network_receive_bytes_per_second", R"(device="veth1")"), 0.0);
  EXPECT_EQ(find_value(steady, "host_network_receive_bytes_per_second", R"(device="wg0")"), 0.0);
}

TEST(NetdevDefinition, RegistersItsRateSourceWithTheSampler) {
  const CollectorDefinition definition = netdev_collector_definition();
  Sampler sampler(std::chrono::milliseconds(2000));
  CollectorContext context;
  context.roots = fixture_roots("edge/netdev-counter-reset/t0");
  context.sampler = &sampler;
  context.config = default_config(definition);
  auto collector = definition.create(context);
  sampler.sample_now();
  sampler.sample_now();
  std::vector<MetricFamily> out;
  collector->collect(out);
  // Same file twice: every rate is 0, but the window exists.
  EXPECT_EQ(find_value(out, "host_network_receive_bytes_per_second", R"(device="eth0")"), 0.0);
}

}  // namespace
}  // namespace host_exporter::collectors
