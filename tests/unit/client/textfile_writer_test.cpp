#include "host_exporter/textfile_writer.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <variant>

#include "exposition/text_parser.hpp"
#include "host_exporter/registry.hpp"

namespace host_exporter {
namespace {

namespace fs = std::filesystem;

class TextfileWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("hx_textfile_writer_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  static std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  std::set<std::string> names_in_dir() const {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_)) names.insert(entry.path().filename().string());
    return names;
  }

  fs::path dir_;
};

// A source whose size changes with every collect: 1 series, then 400, then 1 ...
class AlternatingSource final : public Collector {
 public:
  void collect(std::vector<MetricFamily>& out) override {
    MetricFamily family{"job_items", "Items.", MetricType::kGauge, {}};
    const int series = (calls_++ % 2 == 0) ? 1 : 400;
    for (int i = 0; i < series; ++i) {
      Series one;
      one.labels = render_labels({{"item", std::to_string(i)}});
      one.value = double(series);
      family.series.push_back(std::move(one));
    }
    out.push_back(std::move(family));
  }

 private:
  int calls_ = 0;
};

TEST_F(TextfileWriterTest, WritesTheRegistryInTextFormatReadableByOthers) {
  Registry registry;
  registry.counter("jobs_done_total", "Jobs done.").get().inc(3);
  const fs::path path = dir_ / "batch.prom";
  write_textfile(path.string(), registry);

  auto parsed = exposition::parse_text(read(path));
  ASSERT_TRUE(std::holds_alternative<std::vector<MetricFamily>>(parsed));
  const auto& families = std::get<std::vector<MetricFamily>>(parsed);
  ASSERT_EQ(families.size(), 1u);
  EXPECT_EQ(families[0].name, "jobs_done_total");
  EXPECT_EQ(families[0].series.at(0).scalar(), 3);

  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0644u);
  EXPECT_EQ(names_in_dir(), std::set<std::string>{"batch.prom"});  // no temporary file left
}

TEST_F(TextfileWriterTest, RefusesANameWithoutThePromSuffix) {
  Registry registry;
  EXPECT_THROW(write_textfile((dir_ / "batch.txt").string(), registry), std::invalid_argument);
  EXPECT_THROW(write_textfile((dir_ / ".prom").string(), registry), std::invalid_argument);
  EXPECT_THROW(write_textfile((dir_ / "batch.prom.bak").string(), registry), std::invalid_argument);
  EXPECT_TRUE(names_in_dir().empty());
}

TEST_F(TextfileWriterTest, MissingDirectoryFailsUnlessAskedToCreateIt) {
  Registry registry;
  const fs::path path = dir_ / "a" / "b" / "app.prom";
  EXPECT_THROW(write_textfile(path.string(), registry), std::system_error);
  write_textfile(path.string(), registry, /*create_directory=*/true);
  EXPECT_TRUE(fs::exists(path));
}

TEST_F(TextfileWriterTest, AReaderNeverSeesAPartialFile) {
  AlternatingSource source;
  const fs::path path = dir_ / "alternating.prom";
  write_textfile(path.string(), source);

  std::atomic<bool> done{false};
  std::atomic<int> reads{0}, bad{0};
  std::string first_bad;
  std::thread reader([&] {
    while (!done.load()) {
      const std::string text = read(path);
      auto parsed = exposition::parse_text(text);
      bool whole = std::holds_alternative<std::vector<MetricFamily>>(parsed);
      if (whole) {
        const auto& series = std::get<std::vector<MetricFamily>>(parsed).at(0).series;
        // Each version says how many series it has: a torn file would disagree.
        whole = series.size() == static_cast<std::size_t>(series.at(0).scalar());
      }
      if (!whole && bad++ == 0) first_bad = text;
      ++reads;
    }
  });
  for (int i = 0; i < 100 || reads.load() < 50; ++i) write_textfile(path.string(), source);
  done = true;
  reader.join();
  EXPECT_EQ(bad.load(), 0) << "first partial read:\n" << first_bad.substr(0, 200);
  EXPECT_EQ(names_in_dir(), std::set<std::string>{"alternating.prom"});
}

TEST(DefaultTextfilePath, IsTheJobFileInTheDefaultDirectory) {
  const std::string directory = default_textfile_directory();
  if (directory.empty()) GTEST_SKIP() << "no HOME in this environment";
  EXPECT_EQ(default_textfile_path("rag_app"), (fs::path(directory) / "rag_app.prom").string());
}

TEST(DefaultTextfilePath, RefusesJobsThatAreNotPlainFileNames) {
  EXPECT_THROW(default_textfile_path(""), std::invalid_argument);
  EXPECT_THROW(default_textfile_path("a/b"), std::invalid_argument);
  EXPECT_THROW(default_textfile_path(".."), std::invalid_argument);
}

}  // namespace
}  // namespace host_exporter
