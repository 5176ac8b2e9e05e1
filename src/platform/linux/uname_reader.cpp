#include "platform/linux/uname_reader.hpp"

#include <sys/utsname.h>

#include "platform/linux/proc_file.hpp"

namespace host_exporter::platform {

UnameReader::UnameReader(const Roots& roots)
    : ostype_path_(roots.proc("sys/kernel/ostype")),
      osrelease_path_(roots.proc("sys/kernel/osrelease")),
      version_path_(roots.proc("sys/kernel/version")),
      hostname_path_(roots.proc("sys/kernel/hostname")),
      domainname_path_(roots.proc("sys/kernel/domainname")) {}

void UnameReader::read(UnameReading& out) {
  out.error.clear();
  const std::pair<const std::string*, std::string*> files[] = {
      {&ostype_path_, &out.sysname},     {&osrelease_path_, &out.release},
      {&version_path_, &out.version},    {&hostname_path_, &out.nodename},
      {&domainname_path_, &out.domainname}};
  for (const auto& [path, field] : files) {
    if (!read_first_line(*path, *field)) {
      field->clear();
      if (out.error.empty()) out.error = "cannot read " + *path;
    }
  }
  struct utsname names {};
  if (::uname(&names) == 0) {
    out.machine.assign(names.machine);
  } else {
    out.machine.clear();
  }
}

}  // namespace host_exporter::platform
