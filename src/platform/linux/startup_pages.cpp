#include "platform/startup_pages.hpp"

#include <link.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>

namespace host_exporter::platform {

namespace {

struct Released {
  std::size_t bytes = 0;
};

bool overlaps(std::uintptr_t start, std::uintptr_t end, std::uintptr_t other_start, std::uintptr_t other_end) {
  return start < other_end && other_start < end;
}

// The program's own object comes first; the others (vdso, shared libraries) are left alone.
int release_program_segments(dl_phdr_info* info, std::size_t, void* arg) {
  auto& released = *static_cast<Released*>(arg);
  const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& segment = info->dlpi_phdr[i];
    if (segment.p_type != PT_LOAD || (segment.p_flags & PF_W) != 0) continue;
    const std::uintptr_t start = info->dlpi_addr + segment.p_vaddr;
    const std::uintptr_t end = start + segment.p_memsz;
    bool written = false;  // relocated at start (RELRO): its pages are no longer the file's
    for (int j = 0; j < info->dlpi_phnum; ++j) {
      const ElfW(Phdr)& relro = info->dlpi_phdr[j];
      if (relro.p_type != PT_GNU_RELRO) continue;
      const std::uintptr_t relro_start = info->dlpi_addr + relro.p_vaddr;
      if (overlaps(start, end, relro_start, relro_start + relro.p_memsz)) written = true;
    }
    // Whole pages inside the segment only: a page it shares with a writable one stays.
    const std::uintptr_t first = (start + page - 1) / page * page;
    const std::uintptr_t last = end / page * page;
    if (written || last <= first) continue;
    if (::madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED) == 0) released.bytes += last - first;
  }
  return 1;  // stop after the program itself
}

}  // namespace

std::size_t release_startup_pages() {
  Released released;
  ::dl_iterate_phdr(&release_program_segments, &released);
  return released.bytes;
}

}  // namespace host_exporter::platform
