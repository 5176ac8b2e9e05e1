#pragma once
// Reads a recorded `vm_stat` output (tests/fixtures/darwin/vm_stat-*.txt) into the plain
// struct the adapter fills from host_statistics64: vm_stat prints the same counters.

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "platform/darwin/conversions/readings.hpp"

namespace host_exporter::test {

struct VmStatFixture {
  platform::darwin::VmStatistics vm;
  std::uint64_t page_size = 0;
};

inline VmStatFixture read_vm_stat(const std::string& path) {
  std::ifstream in(path);
  std::map<std::string, std::uint64_t> values;
  VmStatFixture out;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    if (const auto at = line.find("page size of "); at != std::string::npos) {
      out.page_size = std::stoull(line.substr(at + 13));
      continue;
    }
    const auto colon = line.rfind(':');
    if (colon == std::string::npos) continue;
    values[line.substr(0, colon)] = std::stoull(line.substr(colon + 1));
  }
  auto& vm = out.vm;
  // vm_stat prints free_count - speculative_count as "Pages free" (XNU's vm_stat.c); the
  // kernel's free_count, which host_statistics64 returns, counts both.
  vm.free_count = values["Pages free"] + values["Pages speculative"];
  vm.active_count = values["Pages active"];
  vm.inactive_count = values["Pages inactive"];
  vm.speculative_count = values["Pages speculative"];
  vm.throttled_count = values["Pages throttled"];
  vm.wire_count = values["Pages wired down"];
  vm.purgeable_count = values["Pages purgeable"];
  vm.external_page_count = values["File-backed pages"];
  vm.internal_page_count = values["Anonymous pages"];
  vm.total_uncompressed_pages_in_compressor = values["Pages stored in compressor"];
  vm.compressor_page_count = values["Pages occupied by compressor"];
  vm.pageins = values["Pageins"];
  vm.pageouts = values["Pageouts"];
  vm.swapins = values["Swapins"];
  vm.swapouts = values["Swapouts"];
  return out;
}

}  // namespace host_exporter::test
