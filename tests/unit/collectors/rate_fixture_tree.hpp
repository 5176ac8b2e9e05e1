#pragma once
// A scratch procfs for rate tests: copy one recorded state in, sample, copy the
// next state over it, sample again, with instants the test chooses.

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <unistd.h>

#include "collectors/sampler.hpp"
#include "family_lookup.hpp"
#include "platform/roots.hpp"

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

  // Roots whose procfs is the scratch one; sysfs and udev's database are empty scratch
  // directories (never the test machine's), rootfs stays the default.
  platform::Roots roots() const {
    platform::Roots roots;
    roots.procfs = (root_ / "proc").string();
    roots.sysfs = (root_ / "sys").string();
    roots.udev_data = (root_ / "udev" / "data").string();
    return roots;
  }

  // The scratch tree itself, for tests that write other files into it.
  const std::filesystem::path& path() const { return root_; }

  // Copies fixtures/<state>/proc/<file> to the scratch procfs.
  void use(std::string_view state, std::string_view file) const {
    const std::filesystem::path target = root_ / "proc" / file;
    std::filesystem::create_directories(target.parent_path());
    std::filesystem::copy_file(fixture_path(std::string(state) + "/proc/" + std::string(file)), target,
                               std::filesystem::copy_options::overwrite_existing);
  }

  // use(state, file), then one sample of `source` at `now`.
  void sample(collectors::SampledSource& source, std::string_view state, std::string_view file,
              std::chrono::steady_clock::time_point now) const {
    use(state, file);
    source.take_sample(now);
  }

 private:
  std::filesystem::path root_;
};

}  // namespace host_exporter::test
