// The hwmon collector on a hand-made sysfs shaped like a laptop's (this VM has
// no hwmon): chip names as node_exporter derives them, temperatures in Celsius.

#include <gtest/gtest.h>

#include "collectors/definitions.hpp"
#include "collectors/hwmon.hpp"
#include "family_lookup.hpp"

namespace host_exporter::collectors {
namespace {

using test::find_family;
using test::find_value;
using test::fixture_path;
using test::series_labels;

std::vector<MetricFamily> collect_from(std::string_view tree) {
  platform::Roots roots;
  roots.sysfs = fixture_path(std::string(tree) + "/sys");
  std::vector<MetricFamily> out;
  make_hwmon_collector(roots)->collect(out);
  return out;
}

TEST(HwmonCollector, ExportsTemperaturesInCelsiusPerChipAndSensor) {
  const auto out = collect_from("edge/hwmon-laptop");
  EXPECT_EQ(find_value(out, "node_hwmon_temp_celsius", R"(chip="platform_coretemp_0",sensor="temp1")"), 45.0);
  EXPECT_EQ(find_value(out, "node_hwmon_temp_celsius", R"(chip="platform_coretemp_0",sensor="temp2")"), 43.0);
  EXPECT_EQ(find_value(out, "node_hwmon_temp_max_celsius", R"(chip="platform_coretemp_0",sensor="temp1")"), 100.0);
  EXPECT_EQ(find_value(out, "node_hwmon_temp_crit_celsius", R"(chip="thermal_thermal_zone0",sensor="temp1")"),
            119.0);
  EXPECT_DOUBLE_EQ(*find_value(out, "node_hwmon_temp_celsius", R"(chip="nvme_nvme0",sensor="temp1")"), 38.85);
  EXPECT_DOUBLE_EQ(*find_value(out, "node_hwmon_temp_celsius", R"(chip="nvme_nvme0",sensor="temp2")"), -1.5);
  EXPECT_EQ(find_value(out, "node_hwmon_temp_celsius", R"(chip="my_sensor_1",sensor="temp1")"), 50.0);
  // temp3 of coretemp reads garbage: no value, but its label is still annotated.
  EXPECT_FALSE(find_value(out, "node_hwmon_temp_celsius", R"(chip="platform_coretemp_0",sensor="temp3")"));
  EXPECT_EQ(find_value(out, "node_hwmon_sensor_label",
                       R"(chip="platform_coretemp_0",sensor="temp3",label="Core 1")"),
            1.0);
  EXPECT_EQ(find_family(out, "node_hwmon_temp_celsius")->help, "Hardware monitor for temperature (input)");
  EXPECT_EQ(find_family(out, "node_hwmon_temp_celsius")->type, MetricType::kGauge);
}

TEST(HwmonCollector, AnnotatesHumanReadableChipNames) {
  const auto out = collect_from("edge/hwmon-laptop");
  EXPECT_EQ(series_labels(out, "node_hwmon_chip_names"),
            (std::vector<std::string>{R"(chip="thermal_thermal_zone0",chip_name="acpitz")",
                                      R"(chip="platform_coretemp_0",chip_name="coretemp")",
                                      R"(chip="nvme_nvme0",chip_name="nvme")",
                                      R"(chip="my_sensor_1",chip_name="my_sensor_1")"}));
}

TEST(HwmonCollector, AMachineWithoutHwmonExportsNothingAndSucceeds) {
  EXPECT_TRUE(collect_from("edge/no-such-tree").empty());
}

TEST(HwmonChipLabel, PrefersTheDeviceThenTheNameThenTheDirectory) {
  platform::HwmonChip chip;
  chip.real_directory_name = "hwmon7";
  EXPECT_EQ(hwmon_chip_label(chip), "hwmon7");
  chip.name = "k10temp";
  EXPECT_EQ(hwmon_chip_label(chip), "k10temp");
  chip.device_path = "/sys/devices/pci0000:00/0000:00:18.3";
  EXPECT_EQ(hwmon_chip_label(chip), "pci0000:00_0000:00:18_3");
  EXPECT_EQ(clean_hwmon_name("__Package id 0__\n"), "package_id_0");
  EXPECT_EQ(clean_hwmon_name("---"), "");
}

TEST(HwmonDefinition, IsOnByDefault) {
  const CollectorDefinition definition = hwmon_collector_definition();
  EXPECT_EQ(definition.name, "hwmon");
  EXPECT_TRUE(definition.enabled_by_default);
}

}  // namespace
}  // namespace host_exporter::collectors
