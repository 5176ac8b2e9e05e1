#pragma once
// A scratch procfs for rate tests: copy one recorded state in, sample, copy the
// next state over it, sample again, with instants the test chooses.

#include <filesystem>
#include <string>
#include <string_view>
#include <unistd.h>

#include "family_lookup.hpp"

namespace host_exporter::test {

class RateFixtureTree {
 public:
  RateFixtureTree() {
    static int counter = 0;
    root_ = std::filesystem::temp_directory_path() /
            ("hx-rates-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    std::filesystem::create_directories(root_);
  }
  ~RateFixtureTree() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  RateFixtureTree(const RateFixtureTree&) = delete;
  RateFixtureTree& operator=(const RateFixtureTree&) = delete;

  std::string procfs() const { return (root_ / "proc").string(); }

  // Copies fixtures/<state>/proc/<file> to the scratch procfs.
  void use(std::string_view state, std::string_view file) const {
    const std::filesystem::path target = root_ / "proc" / file;
    std::filesystem::create_directories(target.parent_path());
    std::filesystem::copy_file(fixture_path(std::string(state) + "/proc/" + std::string(file)), target,
                               std::filesystem::copy_options::overwrite_existing);
  }

 private:
  std::filesystem::path root_;
};

}  // namespace host_exporter::test
