// The host_* schema (src/collectors/host_schema.hpp) is the one in docs/metrics.md, and the
// Linux collectors emit exactly its Linux entries (the macOS ones: tests/unit/darwin).

#include "collectors/host_schema.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "collectors/builtin.hpp"
#include "collectors/sampler.hpp"
#include "schema_check.hpp"
#include "support/fixtures.hpp"

namespace host_exporter::collectors {
namespace {

std::string trim(std::string text) {
  const auto first = text.find_first_not_of(' ');
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

// The rows of the "## The host_* schema" table: name -> the other cells, backquotes removed.
std::map<std::string, std::vector<std::string>> documented_schema() {
  std::ifstream file(HX_METRICS_DOC);
  EXPECT_TRUE(file) << HX_METRICS_DOC;
  std::map<std::string, std::vector<std::string>> rows;
  std::string line;
  bool in_section = false;
  while (std::getline(file, line)) {
    if (line.starts_with("## ")) in_section = line == "## The host_* schema";
    if (!in_section || !line.starts_with("| `")) continue;
    std::string plain;
    for (const char c : line) {
      if (c != '`') plain += c;
    }
    std::vector<std::string> cells;
    std::stringstream stream(plain.substr(1));
    std::string cell;
    while (std::getline(stream, cell, '|')) cells.push_back(trim(cell));
    if (cells.size() != 6) {
      ADD_FAILURE() << "not six cells: " << line;
      continue;
    }
    const std::string name = cells[0];
    cells.erase(cells.begin());
    EXPECT_TRUE(rows.emplace(name, cells).second) << name << " documented twice";
  }
  return rows;
}

std::vector<std::string> schema_row(const schema::HostFamily& entry) {
  std::string labels;
  for (const auto& label : entry.family.labels) labels += (labels.empty() ? "" : ", ") + std::string(label);
  const std::string systems = entry.systems == schema::kBoth    ? "Linux, macOS"
                              : entry.systems == schema::kLinux ? "Linux"
                                                                : "macOS";
  return {std::string(to_string(entry.family.type)), std::string(entry.unit), labels, systems,
          std::string(entry.formula)};
}

TEST(HostSchema, DocsMetricsMdDocumentsEveryEntryAsTheTableHasIt) {
  auto documented = documented_schema();
  for (const auto* entry : schema::kAll) {
    const std::string name(entry->family.name);
    const auto found = documented.find(name);
    if (found == documented.end()) {
      ADD_FAILURE() << name << " is not in docs/metrics.md's host_* schema table";
      continue;
    }
    EXPECT_EQ(found->second, schema_row(*entry)) << name;
    documented.erase(found);
  }
  for (const auto& [name, cells] : documented) ADD_FAILURE() << name << " is documented but not in host_schema.hpp";
}

TEST(HostSchema, EntriesAreValidAndUnique) {
  std::map<std::string_view, int> names;
  for (const auto* entry : schema::kAll) {
    EXPECT_TRUE(is_valid_metric_name(entry->family.name)) << entry->family.name;
    EXPECT_FALSE(entry->family.help.empty()) << entry->family.name;
    EXPECT_NE(entry->systems, 0u) << entry->family.name;
    for (const auto& label : entry->family.labels) EXPECT_TRUE(is_valid_label_name(label)) << label;
    EXPECT_EQ(++names[entry->family.name], 1) << entry->family.name;
  }
}

// A procfs that moves: the recorded process table (with command lines) and a /proc/stat that
// advances between samples, so that the rates and utilisations have a window.
class MovingProcfs {
 public:
  MovingProcfs() : root_(std::filesystem::temp_directory_path() / ("hx-schema-" + std::to_string(::getpid()))) {
    std::filesystem::copy(test::fixture_path("processes/churn/proc"), root_, std::filesystem::copy_options::recursive);
    for (const auto& entry : std::filesystem::directory_iterator(root_)) {
      if (!std::filesystem::exists(entry.path() / "stat")) continue;
      std::ofstream(entry.path() / "cmdline") << "/usr/bin/worker" << '\0' << "--flag" << '\0';
    }
    use_stat("t0");
  }
  ~MovingProcfs() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  void use_stat(const std::string& state) const {
    std::filesystem::copy_file(test::fixture_path("edge/cpu-hotplug/" + state + "/proc/stat"), root_ / "stat",
                               std::filesystem::copy_options::overwrite_existing);
  }
  std::string procfs() const { return root_.string(); }

 private:
  std::filesystem::path root_;
};

// Every Linux collector that is on by default, over the recorded Debian 12 machine, with cpu and
// processes (command lines on) over a procfs that moves between samples.
TEST(HostSchema, LinuxCollectorsEmitExactlyTheLinuxSchema) {
  const MovingProcfs moving;
  Sampler sampler(std::chrono::milliseconds(1000));
  std::vector<std::unique_ptr<HostCollector>> made;
  for (const auto& definition : builtin_collectors()) {
    if (!definition.enabled_by_default || definition.ingested) continue;
    CollectorContext context{test::fixture_roots("linux-debian12"), &sampler, default_config(definition)};
    if (definition.name == "processes" || definition.name == "cpu") context.roots.procfs = moving.procfs();
    if (definition.name == "processes") context.config.set("cmdline", {"true"});
    made.push_back(definition.create(context));
  }
  for (const char* state : {"t0", "t1", "t2"}) {  // two complete windows
    moving.use_stat(state);
    sampler.sample_now();
  }
  std::vector<MetricFamily> families;
  for (const auto& collector : made) collector->collect(families);
  test::expect_exactly_the_schema(families, schema::kLinux);
}

}  // namespace
}  // namespace host_exporter::collectors
