#include <gtest/gtest.h>

#include "ingest/default_paths.hpp"

namespace host_exporter::ingest {
namespace {

TEST(DefaultPaths, LinuxUsesXdgStateHomeWhenAbsolute) {
  const UserEnvironment env{StateDirectoryStyle::kXdg, "/home/ada/.state", "/home/ada"};
  EXPECT_EQ(state_directory_for(env), "/home/ada/.state/host_exporter");
  EXPECT_EQ(textfile_directory_for(env), "/home/ada/.state/host_exporter/textfile");
}

TEST(DefaultPaths, LinuxFallsBackToLocalStateUnderHome) {
  EXPECT_EQ(textfile_directory_for({StateDirectoryStyle::kXdg, "", "/home/ada"}),
            "/home/ada/.local/state/host_exporter/textfile");
  // The XDG spec: a relative XDG_STATE_HOME is invalid and ignored.
  EXPECT_EQ(textfile_directory_for({StateDirectoryStyle::kXdg, "relative/state", "/home/ada/"}),
            "/home/ada/.local/state/host_exporter/textfile");
}

TEST(DefaultPaths, MacOSUsesApplicationSupportAndIgnoresXdg) {
  EXPECT_EQ(textfile_directory_for({StateDirectoryStyle::kMacOS, "/tmp/xdg", "/Users/ada"}),
            "/Users/ada/Library/Application Support/host_exporter/textfile");
}

TEST(DefaultPaths, NoHomeMeansNoDefault) {
  EXPECT_EQ(textfile_directory_for({StateDirectoryStyle::kXdg, "", ""}), "");
  EXPECT_EQ(textfile_directory_for({StateDirectoryStyle::kMacOS, "", ""}), "");
  EXPECT_EQ(textfile_directory_for({StateDirectoryStyle::kXdg, "/state", ""}), "/state/host_exporter/textfile");
}

}  // namespace
}  // namespace host_exporter::ingest
