// Load, boot time, uname, OS version, VM hints and the interface list: sysctl and libc.
#include <net/if.h>
#include <net/if_dl.h>
#include <net/route.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/sysctl.h>
#include <sys/time.h>
#include <sys/utsname.h>

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <fstream>
#include <sstream>

#include "platform/darwin/conversions/route_messages.hpp"
#include "platform/darwin/sysctl_value.hpp"
#include "platform/darwin/system_readers.hpp"

namespace host_exporter::platform::darwin {

// The NET_RT_IFLIST2 walk reads a byte buffer with our own offsets: check them here,
// against the SDK's structs, so a layout change fails the build.
namespace L = if_msghdr2_layout;
static_assert(offsetof(if_msghdr2, ifm_msglen) == L::kMsglen);
static_assert(offsetof(if_msghdr2, ifm_version) == L::kVersion);
static_assert(offsetof(if_msghdr2, ifm_type) == L::kType);
static_assert(offsetof(if_msghdr2, ifm_addrs) == L::kAddrs);
static_assert(offsetof(if_msghdr2, ifm_flags) == L::kFlags);
static_assert(offsetof(if_msghdr2, ifm_index) == L::kIndex);
static_assert(offsetof(if_msghdr2, ifm_data) == L::kData);
static_assert(sizeof(if_msghdr2) == L::kSize);
static_assert(offsetof(if_data64, ifi_type) == L::kDataType);
static_assert(offsetof(if_data64, ifi_mtu) == L::kDataMtu);
static_assert(offsetof(if_data64, ifi_ipackets) == L::kDataIpackets);
static_assert(offsetof(if_data64, ifi_ierrors) == L::kDataIerrors);
static_assert(offsetof(if_data64, ifi_opackets) == L::kDataOpackets);
static_assert(offsetof(if_data64, ifi_oerrors) == L::kDataOerrors);
static_assert(offsetof(if_data64, ifi_collisions) == L::kDataCollisions);
static_assert(offsetof(if_data64, ifi_ibytes) == L::kDataIbytes);
static_assert(offsetof(if_data64, ifi_obytes) == L::kDataObytes);
static_assert(offsetof(if_data64, ifi_imcasts) == L::kDataImcasts);
static_assert(offsetof(if_data64, ifi_omcasts) == L::kDataOmcasts);
static_assert(offsetof(if_data64, ifi_iqdrops) == L::kDataIqdrops);
static_assert(offsetof(if_data64, ifi_noproto) == L::kDataNoproto);
static_assert(offsetof(sockaddr_dl, sdl_nlen) == L::kSdlNlen);
static_assert(offsetof(sockaddr_dl, sdl_data) == L::kSdlData);
static_assert(RTM_IFINFO2 == kRtmIfinfo2 && RTM_VERSION == kRtmVersion && RTA_IFP == kRtaIfp);

bool read_load(std::array<double, 3>& out, std::string& error) {
  if (::getloadavg(out.data(), 3) != 3) {
    error = "getloadavg failed";
    return false;
  }
  return true;
}

bool read_boot_time(double& out, std::string& error) {
  timeval boot{};
  if (!sysctl_value("kern.boottime", boot)) {
    error = "sysctl kern.boottime failed";
    return false;
  }
  out = static_cast<double>(boot.tv_sec) + static_cast<double>(boot.tv_usec) / 1e6;
  return true;
}

bool read_uname(UnameReading& out, std::string& error) {
  utsname names{};
  if (::uname(&names) != 0) {
    error = std::strerror(errno);
    return false;
  }
  out = {names.sysname, names.nodename, names.release, names.version, names.machine};
  return true;
}

bool read_system_version_plist(std::string& out, std::string& error) {
  const char* path = "/System/Library/CoreServices/SystemVersion.plist";
  std::ifstream in(path);
  if (!in) {
    error = std::string("cannot open ") + path;
    return false;
  }
  std::ostringstream text;
  text << in.rdbuf();
  out = text.str();
  return true;
}

bool read_environment_hints(EnvironmentHints& out, std::string& error) {
  if (!sysctl_string("hw.model", out.hw_model)) {
    error = "sysctl hw.model failed";
    return false;
  }
  int present = 0;
  out.hv_vmm_present.reset();
  if (sysctl_value("kern.hv_vmm_present", present)) out.hv_vmm_present = present;
  return true;
}

bool read_perf_levels(std::vector<PerfLevel>& out, std::string& error) {
  out.clear();
  int count = 0;
  if (!sysctl_value("hw.nperflevels", count)) return true;  // Intel: no core kinds
  for (int n = 0; n < count; ++n) {
    const std::string prefix = "hw.perflevel" + std::to_string(n) + ".";
    PerfLevel level;
    std::uint32_t cpus = 0;
    if (!sysctl_value((prefix + "logicalcpu").c_str(), cpus)) {
      error = "sysctl " + prefix + "logicalcpu failed";
      return false;
    }
    level.logical_cpus = cpus;
    sysctl_string((prefix + "name").c_str(), level.name);  // absent before macOS 12: named by number
    out.push_back(std::move(level));
  }
  return true;
}

bool read_interface_messages(std::string& out, std::string& error) {
  int mib[] = {CTL_NET, PF_ROUTE, 0, 0, NET_RT_IFLIST2, 0};
  // The list can grow between the size query and the read: retry a few times.
  for (int attempt = 0; attempt < 4; ++attempt) {
    std::size_t size = 0;
    if (::sysctl(mib, 6, nullptr, &size, nullptr, 0) != 0) break;
    out.resize(size + size / 8 + 1024);
    size = out.size();
    if (::sysctl(mib, 6, out.data(), &size, nullptr, 0) == 0) {
      out.resize(size);
      return true;
    }
    if (errno != ENOMEM) break;
  }
  error = std::string("sysctl NET_RT_IFLIST2: ") + std::strerror(errno);
  return false;
}

}  // namespace host_exporter::platform::darwin
