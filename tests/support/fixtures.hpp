#pragma once
// Where the recorded fixtures are (tests/fixtures, HX_FIXTURES under ctest), and
// reading them, for every test.

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "platform/roots.hpp"

namespace host_exporter::test {

inline std::string fixture_path(std::string_view relative) {
  const char* root = std::getenv("HX_FIXTURES");
  return std::string(root ? root : "tests/fixtures") + "/" + std::string(relative);
}

// A recorded machine's tree: <tree>/proc, <tree>/sys, <tree>/root and <tree>/udev/data as the roots.
inline platform::Roots fixture_roots(std::string_view tree) {
  const std::string base(tree);
  platform::Roots roots;
  roots.procfs = fixture_path(base + "/proc");
  roots.sysfs = fixture_path(base + "/sys");
  roots.rootfs = fixture_path(base + "/root");
  roots.udev_data = fixture_path(base + "/udev/data");
  return roots;
}

// A whole file, read independently of the code under test; "" when it cannot be read.
inline std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace host_exporter::test
