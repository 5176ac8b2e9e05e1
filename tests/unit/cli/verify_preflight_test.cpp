#include "cli/verify_preflight.hpp"

#include <gtest/gtest.h>

namespace host_exporter::cli {
namespace {

ScrapeTarget target(std::string job, std::string instance, std::string health, std::string error = "") {
  ScrapeTarget t;
  t.job = std::move(job);
  t.instance = std::move(instance);
  t.health = std::move(health);
  t.last_error = std::move(error);
  return t;
}

TEST(VerifyPreflight, AJobWithATargetUpCanRun) {
  const std::vector<ScrapeTarget> targets{target("host", "a:9101", "down", "refused"), target("host", "b:9101", "up")};
  EXPECT_FALSE(reason_verify_cannot_run(targets, "host"));
  EXPECT_EQ(describe_job_targets(targets, "host"), "job host: 2 targets, 1 up");
}

TEST(VerifyPreflight, ATargetNotScrapedYetIsNoReasonToStop) {
  EXPECT_FALSE(reason_verify_cannot_run({target("host", "a:9101", "unknown")}, "host"));
}

TEST(VerifyPreflight, AMissingJobNamesTheJobsThereAre) {
  const auto reason = reason_verify_cannot_run({target("node", "n:9100", "up"), target("rag", "r", "up")}, "host");
  ASSERT_TRUE(reason);
  EXPECT_NE(reason->find("no target in job \"host\" (its jobs: node, rag)"), std::string::npos) << *reason;
}

TEST(VerifyPreflight, AJobWhollyDownGivesEachError) {
  const auto reason = reason_verify_cannot_run({target("host", "a:9101", "down", "connection refused")}, "host");
  ASSERT_TRUE(reason);
  EXPECT_NE(reason->find("every target of job \"host\" is down; a:9101: connection refused"), std::string::npos)
      << *reason;
}

}  // namespace
}  // namespace host_exporter::cli
