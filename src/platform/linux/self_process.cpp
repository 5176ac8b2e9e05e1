#include "platform/linux/self_process.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <cstring>
#include <vector>

#include "platform/linux/cached_file.hpp"
#include "platform/linux/field_scanner.hpp"
#include "platform/linux/proc_file.hpp"

namespace host_exporter::platform {

std::optional<ProcStatFields> parse_proc_stat(std::string_view text) {
  // "pid (comm) state ppid ...": the name ends at the last ')'.
  const auto close = text.rfind(')');
  if (close == std::string_view::npos) return std::nullopt;
  std::string_view rest = text.substr(close + 1);
  // Field numbers as in proc(5): state is field 3.
  ProcStatFields fields;
  for (int number = 3; number <= 24; ++number) {
    const std::string_view field = next_field(rest);
    if (field.empty()) return std::nullopt;
    std::uint64_t* target = nullptr;
    switch (number) {
      case 14: target = &fields.utime_ticks; break;
      case 15: target = &fields.stime_ticks; break;
      case 22: target = &fields.starttime_ticks; break;
      case 23: target = &fields.vsize_bytes; break;
      case 24: target = &fields.rss_pages; break;
      default: break;
    }
    if (target != nullptr && !parse_u64(field, *target)) return std::nullopt;
  }
  return fields;
}

namespace {

std::optional<std::uint64_t> read_boot_time_seconds() {
  std::string text;
  if (!read_file("/proc/stat", text)) return std::nullopt;
  std::string_view rest(text);
  std::string_view line;
  while (next_line(rest, line)) {
    std::string_view fields = line;
    if (next_field(fields) != "btime") continue;
    std::uint64_t value = 0;
    if (parse_u64(next_field(fields), value)) return value;
  }
  return std::nullopt;
}

// btime does not change while the machine runs: read once (until a read succeeds), instead of having
// the kernel render all of /proc/stat (every CPU, every interrupt) on each scrape for one number.
std::optional<std::uint64_t> boot_time_seconds() {
  static std::atomic<std::uint64_t> cached{0};
  if (const std::uint64_t known = cached.load(std::memory_order_relaxed); known != 0) return known;
  const auto boot = read_boot_time_seconds();
  if (boot) cached.store(*boot, std::memory_order_relaxed);
  return boot;
}

std::optional<double> count_open_fds() {
  // Linux >= 6.2 reports the number of open descriptors as the size of /proc/<pid>/fd: one stat
  // instead of a listing that costs about 0.4 us per descriptor (the processes collector keeps
  // hundreds open). Older kernels report 0: list them.
  // The directory is kept open (and counted: it is open): fstat skips the walk through /proc/self.
  static const int kept = ::open("/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  struct stat fd_dir {};
  if (kept >= 0 && ::fstat(kept, &fd_dir) == 0 && fd_dir.st_size > 0) return static_cast<double>(fd_dir.st_size);
  DIR* dir = ::opendir("/proc/self/fd");
  if (dir == nullptr) return std::nullopt;
  const int own = ::dirfd(dir);
  const std::string own_name = std::to_string(own);
  double count = 0;
  while (const dirent* entry = ::readdir(dir)) {
    if (entry->d_name[0] == '.') continue;
    if (own_name == entry->d_name) continue;  // the descriptor this count itself holds
    ++count;
  }
  ::closedir(dir);
  return count;
}

// /proc/self/stat, kept open: it is read on every scrape.
bool read_self_stat(std::string& text, std::string& error) {
  static std::mutex mutex;
  static CachedFile file("/proc/self/stat", Rendering::kWhole);
  std::lock_guard lock(mutex);
  return file.read(text, &error);
}

}  // namespace

std::optional<SelfProcessReading> read_self_process(std::string& error) {
  std::string text;
  if (!read_self_stat(text, error)) return std::nullopt;
  const auto stat = parse_proc_stat(text);
  if (!stat) {
    error = "malformed /proc/self/stat";
    return std::nullopt;
  }
  const auto boot = boot_time_seconds();
  if (!boot) {
    error = "no btime in /proc/stat";
    return std::nullopt;
  }
  const double ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
  const double page = static_cast<double>(::sysconf(_SC_PAGESIZE));

  SelfProcessReading reading;
  reading.cpu_seconds = static_cast<double>(stat->utime_ticks + stat->stime_ticks) / ticks;
  reading.resident_memory_bytes = static_cast<double>(stat->rss_pages) * page;
  reading.virtual_memory_bytes = static_cast<double>(stat->vsize_bytes);
  reading.start_time_seconds = static_cast<double>(*boot) + static_cast<double>(stat->starttime_ticks) / ticks;
  reading.open_fds = count_open_fds();
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
    reading.max_fds = static_cast<double>(limit.rlim_cur);
  }
  return reading;
}

}  // namespace host_exporter::platform
