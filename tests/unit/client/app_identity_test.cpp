#include "host_exporter/app_identity.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "host_exporter/registry.hpp"
#include "host_exporter/textfile_writer.hpp"
#include "ingest/textfile_writer_mark.hpp"

namespace host_exporter {
namespace {

TEST(AppIdentity, JobDefaultsToTheProgramAndInstanceNamesHostAndCopy) {
  const auto plain = make_app_identity("rag_web", "", "", "box");
  EXPECT_EQ(plain.job, "rag_web");
  EXPECT_EQ(plain.instance, "box/rag_web");
  EXPECT_EQ(identity_file_stem(plain), "rag_web.rag_web");

  const auto named = make_app_identity("rag web!", "rag", "blue", "box");
  EXPECT_EQ(named.job, "rag");
  EXPECT_EQ(named.instance, "box/rag_web_/blue");
  EXPECT_EQ(identity_file_stem(named), "rag.rag_web_.blue");
}

TEST(AppIdentity, IsStableForTheSameProgramOnTheSameHost) {
  EXPECT_EQ(make_app_identity("batch").instance, make_app_identity("batch").instance);
  EXPECT_NE(make_app_identity("batch").instance, make_app_identity("rag_web").instance);
}

TEST(AppIdentity, IsSetOnceButTheSameValueAgainIsFine) {
  const auto first = make_app_identity("set_once", "job_a", "", "box");
  EXPECT_EQ(set_app_identity(first).job, "job_a");
  EXPECT_EQ(set_app_identity(first).job, "job_a");
  EXPECT_THROW(set_app_identity(make_app_identity("set_once", "job_b", "", "box")), std::logic_error);
  EXPECT_EQ(app_identity().job, "job_a");
}

TEST(AppIdentity, PushGroupingPutsTheInstanceFirstUnlessGiven) {
  const auto me = make_app_identity("app", "", "", "box");
  const std::vector<std::pair<std::string, std::string>> expected{{"instance", "box/app"}, {"site", "x"}};
  EXPECT_EQ(identity_grouping(me, {{"site", "x"}}), expected);
  const std::vector<std::pair<std::string, std::string>> given{{"instance", "mine"}};
  EXPECT_EQ(identity_grouping(me, given), given);
}

TEST(AppIdentity, TextfileSeriesCarryTheIdentitySortedAsPushedSeriesAreAndTheWriterMark) {
  Registry registry;
  registry.counter("rag_query_errors_total", "Errors.", {"error_type"}).labels({"Timeout"}).inc();
  const auto path = std::filesystem::temp_directory_path() / "hx_app_identity_test.prom";
  TextfileOptions options;
  options.labels = identity_labels(make_app_identity("app", "rag", "", "box"));
  options.mark_writer = true;
  write_textfile(path.string(), registry, options);
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::filesystem::remove(path);

  std::string first_line;
  std::getline(text, first_line);
  EXPECT_TRUE(ingest::parse_writer_mark(first_line));
  EXPECT_NE(text.str().find(R"(rag_query_errors_total{error_type="Timeout",instance="box/app",job="rag"} 1)"),
            std::string::npos)
      << text.str();
}

}  // namespace
}  // namespace host_exporter
