#include <gtest/gtest.h>

#include "ingest/grouping_key.hpp"

namespace host_exporter::ingest {
namespace {

GroupingKey key_of(std::string_view path) {
  auto parsed = parse_push_path(path);
  EXPECT_TRUE(std::holds_alternative<GroupingKey>(parsed)) << std::get<std::string>(parsed);
  return std::holds_alternative<GroupingKey>(parsed) ? std::get<GroupingKey>(parsed) : GroupingKey{};
}

std::string error_of(std::string_view path) {
  auto parsed = parse_push_path(path);
  EXPECT_TRUE(std::holds_alternative<std::string>(parsed)) << path << " was accepted";
  return std::holds_alternative<std::string>(parsed) ? std::get<std::string>(parsed) : std::string();
}

TEST(PushPath, JobAlone) {
  EXPECT_EQ(key_of("/metrics/job/batch"), (GroupingKey{{"job", "batch"}}));
  EXPECT_EQ(key_of("/metrics/job/batch/"), (GroupingKey{{"job", "batch"}}));
}

TEST(PushPath, LabelsAreSortedByName) {
  EXPECT_EQ(key_of("/metrics/job/batch/zone/eu/instance/a"),
            (GroupingKey{{"instance", "a"}, {"job", "batch"}, {"zone", "eu"}}));
}

TEST(PushPath, Base64ValuesAndJob) {
  EXPECT_EQ(key_of("/metrics/job/directory_cleaner/path@base64/L3Zhci90bXA"),
            (GroupingKey{{"job", "directory_cleaner"}, {"path", "/var/tmp"}}));
  EXPECT_EQ(key_of("/metrics/job/example/first_label@base64/=/second_label/foobar"),
            (GroupingKey{{"first_label", ""}, {"job", "example"}, {"second_label", "foobar"}}));
  EXPECT_EQ(key_of("/metrics/job@base64/L3Zhci90bXA"), (GroupingKey{{"job", "/var/tmp"}}));
}

TEST(PushPath, ALabelGivenTwiceIsRefused) {
  EXPECT_NE(error_of("/metrics/job/a/x/1/x/2").find("label x given twice"), std::string::npos);
  EXPECT_NE(error_of("/metrics/job/x/job/y").find("label job given twice"), std::string::npos);
  EXPECT_NE(error_of("/metrics/job/x/job@base64/eQ").find("label job given twice"), std::string::npos);
}

TEST(PushPath, NulBytesAreRefusedInTheJobAndInValues) {
  using namespace std::string_literals;
  EXPECT_NE(error_of("/metrics/job/a\0b"s).find("NUL"), std::string::npos);
  EXPECT_NE(error_of("/metrics/job/a/x/1\0"s).find("NUL"), std::string::npos);
  EXPECT_NE(error_of("/metrics/job@base64/YQBi").find("NUL"), std::string::npos) << "a\\0b in base64";
  EXPECT_NE(error_of("/metrics/job/a/x@base64/AA").find("NUL"), std::string::npos);
  EXPECT_NE(error_of("/metrics/job/a/x\0/1"s).find("improper label name"), std::string::npos);
  EXPECT_TRUE(std::holds_alternative<std::string>(make_grouping_key({{"job", "a\0b"s}})));
}

TEST(PushPath, Refusals) {
  EXPECT_EQ(error_of("/metrics/job/"), "job name is required");
  EXPECT_EQ(error_of("/metrics/job@base64/="), "job name is required");
  EXPECT_NE(error_of("/metrics/job/a/b").find("odd number of components"), std::string::npos);
  EXPECT_NE(error_of("/metrics/job/a/b/1/c").find("odd number of components"), std::string::npos);
  EXPECT_NE(error_of("/metrics/job/a/__name/1").find("improper label name"), std::string::npos);
  EXPECT_NE(error_of("/metrics/job/a/1x/1").find("improper label name"), std::string::npos);
  EXPECT_NE(error_of("/metrics/job/a/x@base64/a+b").find("invalid base64"), std::string::npos);
  EXPECT_NE(error_of("/metrics/job@base64/!!").find("invalid base64"), std::string::npos);
  EXPECT_NE(error_of("/metrics/job/a/x/\xff").find("UTF-8"), std::string::npos);
}

TEST(GroupingLabels, OverrideTheSeriesOwnValuesAndAddAnEmptyInstance) {
  const GroupingKey key{{"job", "batch"}, {"zone", "eu"}};
  EXPECT_EQ(apply_grouping_key(R"(zone="us",path="/x")", key), R"(instance="",job="batch",path="/x",zone="eu")");
  EXPECT_EQ(apply_grouping_key("", key), R"(instance="",job="batch",zone="eu")");
}

TEST(GroupingLabels, KeepTheSeriesOwnInstance) {
  const GroupingKey key{{"job", "batch"}};
  EXPECT_EQ(apply_grouping_key(R"(instance="host1")", key), R"(instance="host1",job="batch")");
  const GroupingKey with_instance{{"instance", "i2"}, {"job", "batch"}};
  EXPECT_EQ(apply_grouping_key(R"(instance="host1")", with_instance), R"(instance="i2",job="batch")");
}

TEST(GroupingLabels, EscapesValues) {
  const GroupingKey key{{"job", "a\"b"}};
  EXPECT_EQ(apply_grouping_key("", key), R"(instance="",job="a\"b")");
  EXPECT_EQ(describe(key), R"({job="a\"b"})");
}

TEST(GroupingKeyFromPairs, NeedsAJob) {
  EXPECT_TRUE(std::holds_alternative<std::string>(make_grouping_key({{"instance", "x"}})));
  EXPECT_TRUE(std::holds_alternative<std::string>(make_grouping_key({{"job", ""}})));
  EXPECT_EQ(std::get<GroupingKey>(make_grouping_key({{"job", "j"}, {"a", "1"}})),
            (GroupingKey{{"a", "1"}, {"job", "j"}}));
}

}  // namespace
}  // namespace host_exporter::ingest
