// `promtool check metrics` (Prometheus' own parser and linter) must accept what
// the text encoder writes without a single complaint.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "encoder_families.hpp"
#include "exposition/format.hpp"

namespace host_exporter::exposition {
namespace {

constexpr const char* kPromtool = "/usr/bin/promtool";

struct CheckResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

CheckResult promtool_check(const std::string& body) {
  // ctest runs tests in parallel processes: each call gets a file of its own.
  const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
  const auto path = std::filesystem::path(::testing::TempDir()) /
                    ("hx_promtool_" + std::to_string(::getpid()) + "_" + test->name() + ".prom");
  std::ofstream(path, std::ios::binary) << body;
  const std::string command = std::string(kPromtool) + " check metrics < '" + path.string() + "' 2>&1";
  CheckResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[512];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) result.output.append(buffer, n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::filesystem::remove(path);
  return result;
}

class Promtool : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kPromtool)) GTEST_SKIP() << "promtool is not installed";
  }
};

TEST_F(Promtool, AcceptsTheTextEncoderOutputWithoutLintWarnings) {
  auto families = testing::rich_families();
  for (MetricFamily& family : families) {
    if (family.help.empty()) family.help = "Given help so that the linter has nothing to say.";
  }
  std::string body;
  encode(families, Format::kText004, body);
  const CheckResult result = promtool_check(body);
  EXPECT_EQ(result.exit_code, 0) << result.output << "\n--- input ---\n" << body;
  EXPECT_EQ(result.output, "") << body;
}

// The harness itself must see a problem when there is one.
TEST_F(Promtool, ReportsACounterWithoutTotal) {
  std::string body;
  encode({{"hx_events", "Events.", MetricType::kCounter, {testing::scalar_series("", 1)}}}, Format::kText004, body);
  const CheckResult result = promtool_check(body);
  EXPECT_NE(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("_total"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace host_exporter::exposition
