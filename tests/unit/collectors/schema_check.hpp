#pragma once
// Checking a collector's output against the host_* schema (src/collectors/host_schema.hpp),
// for the Linux and the macOS schema tests.

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "collectors/host_schema.hpp"
#include "host_exporter/metric_family.hpp"

namespace host_exporter::test {

// Not host metrics: the exporter's own, which other sections of docs/metrics.md cover.
inline bool is_host_family(const std::string& name) {
  return name.starts_with("host_") && !name.starts_with("host_exporter_scrape_") &&
         !name.starts_with("host_textfile_") && name != "host_exporter_build_info" &&
         !name.starts_with("host_exporter_http_") && !name.starts_with("host_exporter_push_");
}

// Every host_* family in `families` is a schema entry of `system` (same type, HELP and label
// names on every series), and every schema entry of `system` is there.
inline void expect_exactly_the_schema(const std::vector<MetricFamily>& families, unsigned system) {
  std::set<std::string> seen;
  for (const auto& family : families) {
    if (!is_host_family(family.name)) continue;
    seen.insert(family.name);
    const collectors::schema::HostFamily* entry = nullptr;
    for (const auto* candidate : collectors::schema::kAll) {
      if (candidate->family.name == family.name) entry = candidate;
    }
    if (entry == nullptr) {
      ADD_FAILURE() << family.name << " is not in the host_* schema";
      continue;
    }
    EXPECT_NE(entry->systems & system, 0u) << family.name << " is not in this system's schema";
    EXPECT_EQ(family.type, entry->family.type) << family.name;
    EXPECT_EQ(family.help, entry->family.help) << family.name;
    const std::vector<std::string> wanted(entry->family.labels.begin(), entry->family.labels.end());
    for (const auto& series : family.series) {
      const auto parsed = parse_label_text(series.labels);
      ASSERT_TRUE(parsed.has_value()) << family.name << "{" << series.labels << "}";
      std::vector<std::string> names;
      for (const auto& [name, value] : *parsed) names.push_back(name);
      EXPECT_EQ(names, wanted) << family.name << "{" << series.labels << "}";
    }
  }
  for (const auto* entry : collectors::schema::kAll) {
    if ((entry->systems & system) == 0) continue;
    EXPECT_TRUE(seen.count(std::string(entry->family.name))) << entry->family.name << " was not emitted";
  }
}

}  // namespace host_exporter::test
