#pragma once
// The uname(2) fields, read from <procfs>/sys/kernel/{ostype,osrelease,version,
// hostname,domainname} so that --path.procfs is honoured (a container or a test
// sees the tree it is pointed at). The machine (architecture) has no file there:
// it comes from uname(2) of the running kernel.

#include <string>

#include "platform/linux/cached_file.hpp"
#include "platform/roots.hpp"

namespace host_exporter::platform {

struct UnameReading {
  std::string sysname;     // ostype: "Linux"
  std::string release;     // osrelease: "6.1.0-18-amd64"
  std::string version;     // version: "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)"
  std::string machine;     // uname(2) machine: "x86_64"
  std::string nodename;    // hostname
  std::string domainname;  // domainname: "(none)" when unset, as uname(2) says
  std::string error;

  bool ok() const { return error.empty(); }
};

// The kernel's name, release, version and machine cannot change while it runs: they
// are read until one read succeeds, then kept. The host and domain names can be
// changed at any time (hostnamectl, a DHCP client): they are read on every call,
// through files kept open.
class UnameReader {
 public:
  explicit UnameReader(const Roots& roots);
  void read(UnameReading& out);

 private:
  std::string ostype_path_, osrelease_path_, version_path_;
  CachedFile hostname_file_, domainname_file_;
  bool kernel_known_ = false;
  std::string sysname_, release_, version_, machine_;
  std::string buffer_;
};

}  // namespace host_exporter::platform
