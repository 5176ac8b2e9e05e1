#include "platform/linux/uname_reader.hpp"

#include <sys/utsname.h>

#include "platform/linux/proc_file.hpp"

namespace host_exporter::platform {

namespace {

void keep_first_line(std::string& text) {
  const auto newline = text.find('\n');
  if (newline != std::string::npos) text.resize(newline);
}

}  // namespace

UnameReader::UnameReader(const Roots& roots)
    : ostype_path_(roots.proc("sys/kernel/ostype")),
      osrelease_path_(roots.proc("sys/kernel/osrelease")),
      version_path_(roots.proc("sys/kernel/version")),
      hostname_file_(roots.proc("sys/kernel/hostname"), Rendering::kSysctl),
      domainname_file_(roots.proc("sys/kernel/domainname"), Rendering::kSysctl) {}

void UnameReader::read(UnameReading& out) {
  out.error.clear();
  if (!kernel_known_) {
    kernel_known_ = true;
    const std::pair<const std::string*, std::string*> files[] = {
        {&ostype_path_, &sysname_}, {&osrelease_path_, &release_}, {&version_path_, &version_}};
    for (const auto& [path, field] : files) {
      if (!read_first_line(*path, *field)) {
        field->clear();
        kernel_known_ = false;
        if (out.error.empty()) out.error = "cannot read " + *path;
      }
    }
    struct utsname names {};
    if (::uname(&names) == 0) {
      machine_.assign(names.machine);
    } else {
      machine_.clear();
    }
  }
  out.sysname = sysname_;
  out.release = release_;
  out.version = version_;
  out.machine = machine_;

  const std::pair<CachedFile*, std::string*> files[] = {{&hostname_file_, &out.nodename},
                                                        {&domainname_file_, &out.domainname}};
  for (const auto& [file, field] : files) {
    if (file->read(buffer_)) {
      keep_first_line(buffer_);
      field->assign(buffer_);
    } else {
      field->clear();
      if (out.error.empty()) out.error = "cannot read " + file->path();
    }
  }
}

}  // namespace host_exporter::platform
