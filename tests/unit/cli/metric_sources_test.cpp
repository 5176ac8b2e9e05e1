#include "cli/metric_sources.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "../ingest/temp_directory.hpp"
#include "collectors/builtin.hpp"

namespace host_exporter::cli {
namespace {

const MetricFamily* find_family(const std::vector<MetricFamily>& families, std::string_view name) {
  const auto found = std::find_if(families.begin(), families.end(), [&](const auto& f) { return f.name == name; });
  return found == families.end() ? nullptr : &*found;
}

std::vector<MetricFamily> gather_with_textfile(const std::string& directory) {
  const auto parsed = parse_options({"--collector.disable-defaults", "--collector.time", "--collector.textfile",
                                     "--collector.textfile.directory=" + directory},
                                    collectors::builtin_collectors());
  EXPECT_TRUE(parsed.options.has_value()) << parsed.err;
  collectors::Sampler sampler(std::chrono::milliseconds(100));
  server::MetricsEndpoint endpoint;
  add_metric_sources(parsed.options.value_or(Options{}), sampler, endpoint);
  std::vector<MetricFamily> families;
  endpoint.gather(families);
  return families;
}

// "textfile" sorts before "time": the host family must still win the name.
TEST(MetricSources, AHostFamilyWinsOverTheSameNameFromATextfile) {
  ingest::testing::TempDirectory directory;
  directory.write("clash.prom",
                  "# HELP node_time_seconds From a file.\n"
                  "# TYPE node_time_seconds gauge\n"
                  "node_time_seconds 42\n"
                  "# TYPE app_jobs_total counter\n"
                  "app_jobs_total 7\n");
  const auto families = gather_with_textfile(directory.path());

  ASSERT_EQ(std::count_if(families.begin(), families.end(), [](const auto& f) { return f.name == "node_time_seconds"; }),
            1);
  const MetricFamily* time = find_family(families, "node_time_seconds");
  ASSERT_NE(time, nullptr);
  ASSERT_EQ(time->series.size(), 1u);
  EXPECT_GT(time->series[0].scalar(), 1e9);  // the clock, not the file's 42
  EXPECT_NE(time->help, "From a file.");
  const MetricFamily* dropped = find_family(families, "host_exporter_scrape_dropped_series");
  ASSERT_NE(dropped, nullptr);
  EXPECT_EQ(dropped->series.at(0).scalar(), 1.0);

  // The rest of the file is served, and textfile is reported as a collector.
  const MetricFamily* jobs = find_family(families, "app_jobs_total");
  ASSERT_NE(jobs, nullptr);
  EXPECT_EQ(jobs->series.at(0).scalar(), 7.0);
  const MetricFamily* success = find_family(families, "node_scrape_collector_success");
  ASSERT_NE(success, nullptr);
  std::vector<std::string> reported;
  for (const auto& series : success->series) {
    reported.push_back(series.labels);
    EXPECT_EQ(series.scalar(), 1.0) << series.labels;
  }
  EXPECT_EQ(reported, (std::vector<std::string>{R"(collector="textfile")", R"(collector="time")"}));
}

TEST(MetricSources, ATextfileMayAddSeriesToAHostFamily) {
  ingest::testing::TempDirectory directory;
  directory.write("extra.prom",
                  "# TYPE node_time_zone_offset_seconds gauge\n"
                  "node_time_zone_offset_seconds{time_zone=\"from-a-file\"} 1\n");
  const auto families = gather_with_textfile(directory.path());
  const MetricFamily* offsets = find_family(families, "node_time_zone_offset_seconds");
  ASSERT_NE(offsets, nullptr);
  ASSERT_GE(offsets->series.size(), 2u);
  EXPECT_EQ(offsets->series.back().labels, R"(time_zone="from-a-file")");
  EXPECT_EQ(find_family(families, "host_exporter_scrape_dropped_series"), nullptr);
}

}  // namespace
}  // namespace host_exporter::cli
