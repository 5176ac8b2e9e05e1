#include "platform/linux/process_table_reader.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <algorithm>
#include <cstring>
#include <string_view>

#include "platform/linux/field_scanner.hpp"
#include "platform/linux/loadavg_reader.hpp"

namespace host_exporter::platform {

namespace {

constexpr long kProcSuperMagic = 0x9fa0;  // PROC_SUPER_MAGIC, <linux/magic.h>
constexpr std::size_t kDirentBufferWords = 4096;  // 32 KiB per getdents64 call

// "<pid>/<leaf>" into `path`; the pid is at most 10 digits, leaves are short.
void relative_path(char (&path)[64], int pid, std::string_view leaf) {
  const auto [end, ec] = std::to_chars(path, path + 16, pid);
  char* out = end;
  *out++ = '/';
  std::memcpy(out, leaf.data(), leaf.size());
  out[leaf.size()] = '\0';
}

bool all_digits(const char* name) {
  if (*name == '\0') return false;
  for (; *name != '\0'; ++name) {
    if (*name < '0' || *name > '9') return false;
  }
  return true;
}

// Calls `visit(entry)` for every entry of the directory `fd`, from its current position.
template <typename Visit>
bool for_each_entry(int fd, std::vector<std::uint64_t>& storage, Visit visit) {
  if (storage.size() < kDirentBufferWords) storage.resize(kDirentBufferWords);
  char* buffer = reinterpret_cast<char*>(storage.data());
  const std::size_t size = storage.size() * sizeof(std::uint64_t);
  for (;;) {
    const ssize_t n = ::getdents64(fd, buffer, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (n == 0) return true;
    for (std::size_t offset = 0; offset < static_cast<std::size_t>(n);) {
      const auto* entry = reinterpret_cast<const dirent64*>(buffer + offset);
      visit(*entry);
      offset += entry->d_reclen;
    }
  }
}

// The rest of the "<key>..." line of /proc/[pid]/status, e.g. "\t0\t0\t0\t0" for "Uid:".
std::optional<std::string_view> status_value(std::string_view text, std::string_view key) {
  std::string_view line;
  while (next_line(text, line)) {
    if (line.starts_with(key)) return line.substr(key.size());
  }
  return std::nullopt;
}

// "Uid:\t<real>\t<effective>..." of /proc/[pid]/status.
std::optional<std::uint32_t> parse_status_uid(std::string_view text) {
  auto value = status_value(text, "Uid:");
  std::uint64_t uid = 0;
  if (!value || !parse_u64(next_field(*value), uid)) return std::nullopt;
  return static_cast<std::uint32_t>(uid);
}

// A full listing of the procfs root at least every this many windows, even when no
// pid was allocated since the last one.
constexpr unsigned kListingEveryWindows = 5;

}  // namespace

ProcessTableReader::ProcessTableReader(const Roots& roots)
    : root_(roots.procfs), loadavg_file_(roots.proc("loadavg"), Rendering::kWhole) {}

ProcessTableReader::~ProcessTableReader() {
  for (auto& kept : kept_) close_kept(kept);
  if (root_fd_ >= 0) ::close(root_fd_);
}

bool ProcessTableReader::open_root(std::string* error) {
  if (root_fd_ >= 0) return true;
  root_fd_ = ::open(root_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (root_fd_ < 0) {
    if (error) *error = root_ + ": " + std::strerror(errno);
    return false;
  }
  // Only a real procfs reports descriptor counts as directory sizes; a fixture
  // tree's directories have their file system's size (4096 on ext4).
  struct statfs fs {};
  struct stat own {};
  fd_count_from_size_ = ::fstatfs(root_fd_, &fs) == 0 && static_cast<long>(fs.f_type) == kProcSuperMagic &&
                        ::fstatat(root_fd_, "self/fd", &own, 0) == 0 && own.st_size > 0;
  // Kept descriptors only on a real procfs: a fixture tree is read by path each time.
  keep_files_ = static_cast<long>(fs.f_type) == kProcSuperMagic;
  struct rlimit limit {};
  if (keep_files_ && ::getrlimit(RLIMIT_NOFILE, &limit) == 0) {
    const rlim_t soft = limit.rlim_cur == RLIM_INFINITY ? 1 << 20 : limit.rlim_cur;
    kept_fd_budget_ = static_cast<std::size_t>(std::min<rlim_t>(soft / 2, 1 << 18));
  }
  if (keep_files_ && procfs_is_own_pid_namespace()) {
    long last_pid = 0;
    listing_reusable_ = read_last_pid(last_pid);
  }
  return true;
}

// loadavg's last pid is of the reader's pid namespace, the procfs's only when they are the
// same: then our own "NSpid:" in <procfs>/self/status has one entry (one per level below
// the procfs's namespace), and "self" would not exist at all in an unrelated namespace.
bool ProcessTableReader::procfs_is_own_pid_namespace() {
  if (read_relative("self/status") != 0) return false;
  auto levels = status_value(buffer_, "NSpid:");
  if (!levels) return false;  // a kernel before 4.1: no way to tell
  std::size_t count = 0;
  while (!next_field(*levels).empty()) ++count;
  return count == 1;
}

bool ProcessTableReader::read_last_pid(long& out) {
  read_loadavg(loadavg_file_, loadavg_buffer_, loadavg_);
  if (!loadavg_.ok() || !loadavg_.last_pid) return false;
  out = static_cast<long>(*loadavg_.last_pid);
  return true;
}

bool ProcessTableReader::list_pids(std::vector<int>& out, std::string* error) {
  out.clear();
  if (!open_root(error)) return false;
  return list_pids_from(0, out, error);
}

bool ProcessTableReader::list_pids_from(off_t position, std::vector<int>& out, std::string* error) {
  if (::lseek(root_fd_, position, SEEK_SET) < 0) {
    if (error) *error = root_ + ": " + std::strerror(errno);
    return false;
  }
  // On procfs an entry's d_off is where the listing resumes: the next pid plus a fixed
  // offset. Learnt from every full listing; anything else (not one constant) disables
  // listing from a pid on.
  bool consistent = true;
  off_t learnt = 0;
  bool previous_was_pid = false;
  off_t previous_d_off = 0;
  const bool listed = for_each_entry(root_fd_, dirent_buffer_, [&](const dirent64& entry) {
    const char* name = static_cast<const char*>(entry.d_name);
    if (!all_digits(name)) {
      previous_was_pid = false;
      return;
    }
    int pid = 0;
    const std::string_view text(name);
    std::from_chars(text.data(), text.data() + text.size(), pid);
    out.push_back(pid);
    if (previous_was_pid) {
      const off_t offset = previous_d_off - pid;
      if (learnt == 0) learnt = offset;
      consistent = consistent && offset == learnt && offset > 0;
    }
    previous_was_pid = true;
    previous_d_off = entry.d_off;
  });
  if (!listed) {
    if (error) *error = root_ + ": " + std::strerror(errno);
    return false;
  }
  if (position == 0) pid_position_offset_ = consistent ? learnt : 0;
  return true;
}

bool ProcessTableReader::refresh_pids(std::string& error) {
  if (!open_root(&error)) return false;
  // Read before listing: a pid allocated after this read differs from it next window.
  long last_pid = -1;
  const bool known = listing_reusable_ && read_last_pid(last_pid);
  if (known && listed_last_pid_ >= 0 && windows_since_listing_ + 1 < kListingEveryWindows) {
    if (last_pid == listed_last_pid_) {  // no pid allocated: the same processes, minus the gone
      ++windows_since_listing_;
      return true;
    }
    // Pids are allocated upwards: unless they wrapped around (a smaller last pid), every
    // new process has a pid above the last one of the last listing. Those are listed
    // again from there (some may already be in pids_), the rest is kept.
    if (last_pid > listed_last_pid_ && pid_position_offset_ > 0) {
      const auto listed_before = std::upper_bound(pids_.begin(), pids_.end(), static_cast<int>(listed_last_pid_));
      pids_.erase(listed_before, pids_.end());
      if (list_pids_from(pid_position_offset_ + static_cast<off_t>(listed_last_pid_) + 1, pids_, nullptr)) {
        listed_last_pid_ = last_pid;
        ++windows_since_listing_;
        return true;
      }
    }
  }
  windows_since_listing_ = 0;
  listed_last_pid_ = -1;
  pids_.clear();
  if (!list_pids_from(0, pids_, &error)) return false;
  // Listing from a pid on needs the pids in ascending order, as procfs lists them.
  if (known && std::is_sorted(pids_.begin(), pids_.end())) listed_last_pid_ = last_pid;
  return true;
}

int ProcessTableReader::read_relative(const char* relative) {
  const int fd = ::openat(root_fd_, relative, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno;
  if (buffer_.size() < 4096) buffer_.resize(4096);
  std::size_t used = 0;
  for (;;) {
    if (used == buffer_.size()) buffer_.resize(buffer_.size() * 2);
    const ssize_t n = ::read(fd, buffer_.data() + used, buffer_.size() - used);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int failure = errno;
      ::close(fd);
      return failure;
    }
    if (n == 0) break;
    used += static_cast<std::size_t>(n);
    // procfs hands a whole stat or status line set in one read; a short read means the end.
    if (used < buffer_.size()) break;
  }
  ::close(fd);
  buffer_.resize(used);
  return 0;
}

ProcessTableReader::KeptProcess ProcessTableReader::take_kept(int pid, std::size_t& cursor, bool in_order) {
  // procfs lists pids in ascending order, as kept_ is sorted: the cursor only moves forward.
  if (!in_order) {
    cursor = static_cast<std::size_t>(
        std::lower_bound(kept_.begin(), kept_.end(), pid, [](const KeptProcess& k, int p) { return k.pid < p; }) -
        kept_.begin());
  }
  while (cursor < kept_.size() && kept_[cursor].pid < pid) ++cursor;
  KeptProcess taken;
  taken.pid = pid;
  if (cursor < kept_.size() && kept_[cursor].pid == pid) {
    taken = kept_[cursor];
    kept_[cursor].stat_fd = kept_[cursor].fd_dir_fd = -1;  // moved out
  }
  return taken;
}

void ProcessTableReader::close_kept(KeptProcess& kept) {
  for (int* fd : {&kept.stat_fd, &kept.fd_dir_fd}) {
    if (*fd < 0) continue;
    ::close(*fd);
    *fd = -1;
    --kept_fds_;
  }
}

int ProcessTableReader::read_stat(KeptProcess& kept, char (&path)[64], std::string_view& text) {
  if (!keep_files_ || (kept.stat_fd < 0 && kept_fds_ + 1 > kept_fd_budget_)) {
    relative_path(path, kept.pid, "stat");
    const int failure = read_relative(path);
    if (failure == 0) text = buffer_;
    return failure;
  }
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (kept.stat_fd < 0) {
      relative_path(path, kept.pid, "stat");
      kept.stat_fd = ::openat(root_fd_, path, O_RDONLY | O_CLOEXEC);
      if (kept.stat_fd < 0) return errno;
      ++kept_fds_;
    }
    const ssize_t n = ::pread(kept.stat_fd, stat_buffer_, sizeof stat_buffer_, 0);
    if (n >= 0) {
      text = std::string_view(stat_buffer_, static_cast<std::size_t>(n));
      return 0;
    }
    const int failure = errno;
    // ESRCH: the process we kept is gone; the pid may belong to a new one now, and the
    // kept descriptor directory named the old one too.
    close_kept(kept);
    if (failure != ESRCH) return failure;
  }
  return ESRCH;
}

std::optional<std::uint64_t> ProcessTableReader::count_fds(int pid, char (&path)[64]) {
  relative_path(path, pid, "fd");
  if (fd_count_from_size_) {
    struct stat info {};
    if (::fstatat(root_fd_, path, &info, 0) != 0) return std::nullopt;
    // The kernel counted (its support was checked on our own fd/): 0 is a real 0, e.g. a kernel thread.
    return static_cast<std::uint64_t>(std::max<off_t>(info.st_size, 0));
  }
  const int fd = ::openat(root_fd_, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::uint64_t count = 0;
  const bool listed = for_each_entry(fd, dirent_buffer_, [&](const dirent64& entry) {
    if (entry.d_name[0] != '.') ++count;
  });
  ::close(fd);
  if (!listed) return std::nullopt;
  return count;
}

std::optional<std::uint64_t> ProcessTableReader::count_fds_kept(KeptProcess& kept, char (&path)[64]) {
  // Only beside a kept stat descriptor: its ESRCH is what closes this one when the process goes.
  if (!fd_count_from_size_ || kept.stat_fd < 0) return count_fds(kept.pid, path);
  if (kept.fd_dir_fd < 0) {
    if (kept_fds_ + 1 > kept_fd_budget_) return count_fds(kept.pid, path);
    relative_path(path, kept.pid, "fd");
    // O_PATH: the same lookup as fstatat's, no permission to read the directory needed.
    kept.fd_dir_fd = ::openat(root_fd_, path, O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (kept.fd_dir_fd < 0) return count_fds(kept.pid, path);
    ++kept_fds_;
  }
  struct stat info {};
  // ENOENT once the process has exited (the directory names the process, not the pid).
  if (::fstat(kept.fd_dir_fd, &info) != 0) return std::nullopt;
  return static_cast<std::uint64_t>(std::max<off_t>(info.st_size, 0));
}

bool ProcessTableReader::read(ProcessTable& out, const ProcessReadOptions& options) {
  out.fds_unreadable = 0;
  out.error.clear();
  if (!refresh_pids(out.error)) {
    out.processes.clear();
    return false;
  }

  next_kept_.clear();
  std::size_t cursor = 0;
  bool in_order = true;
  int previous_pid = -1;
  std::size_t still_listed = 0;
  std::size_t read_count = 0;  // the table's slots are reused: no per-process construction
  char path[64];
  std::string_view text;
  for (const int pid : pids_) {
    in_order = in_order && pid > previous_pid;
    previous_pid = pid;
    KeptProcess* kept = nullptr;
    {
      KeptProcess taken = take_kept(pid, cursor, in_order);
      const int failure = read_stat(taken, path, text);
      if (taken.stat_fd >= 0) {
        next_kept_.push_back(taken);
        kept = &next_kept_.back();
      }
      if (failure == ENOENT || failure == ESRCH) continue;  // exited: out of the reused listing too
      pids_[still_listed++] = pid;
      if (failure != 0) continue;  // hidden or unreadable: not a failure
    }
    if (read_count == out.processes.size()) out.processes.emplace_back();
    ProcessReading& process = out.processes[read_count];
    if (!parse_process_stat(text, process.stat)) continue;
    process.open_fds.reset();
    process.uid.reset();
    process.footprint_bytes.reset();
    if (options.owner) {
      relative_path(path, pid, "status");
      if (read_relative(path) != 0) continue;  // gone between stat and status
      process.uid = parse_status_uid(buffer_);
    }
    if (options.open_fds) {
      process.open_fds = kept != nullptr ? count_fds_kept(*kept, path) : count_fds(pid, path);
      if (!process.open_fds) ++out.fds_unreadable;
    }
    ++read_count;
  }
  out.processes.resize(read_count);
  pids_.resize(still_listed);
  for (auto& gone : kept_) close_kept(gone);  // what the listing no longer has
  kept_.swap(next_kept_);
  if (!in_order) {
    std::sort(kept_.begin(), kept_.end(), [](const KeptProcess& a, const KeptProcess& b) { return a.pid < b.pid; });
  }
  return true;
}

bool ProcessTableReader::read_cmdline(int pid, std::string& out, std::size_t max_bytes) {
  out.clear();
  if (!open_root(nullptr)) return false;
  char path[64];
  relative_path(path, pid, "cmdline");
  if (read_relative(path) != 0) return false;
  std::string_view text(buffer_);
  while (!text.empty() && text.back() == '\0') text.remove_suffix(1);
  if (text.size() > max_bytes) text = text.substr(0, max_bytes);
  out.assign(text);
  for (char& c : out) {
    if (c == '\0' || c == '\n') c = ' ';
  }
  return true;
}

std::optional<std::uint64_t> ProcessTableReader::count_open_fds(int pid) {
  if (!open_root(nullptr)) return std::nullopt;
  char path[64];
  const auto found =
      std::lower_bound(kept_.begin(), kept_.end(), pid, [](const KeptProcess& k, int p) { return k.pid < p; });
  if (found != kept_.end() && found->pid == pid) return count_fds_kept(*found, path);
  return count_fds(pid, path);
}

ProcessAccess ProcessTableReader::probe_access(int pid) {
  ProcessAccess access;
  if (!open_root(nullptr)) return access;
  char path[64];
  relative_path(path, pid, "stat");
  struct stat info {};
  access.exists = ::fstatat(root_fd_, path, &info, 0) == 0;
  if (!access.exists) return access;
  relative_path(path, pid, "fd");
  const int fd = ::openat(root_fd_, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::close(fd);
  } else {
    access.fd_denied = errno == EACCES || errno == EPERM;
  }
  relative_path(path, pid, "exe");
  char target[256];
  if (::readlinkat(root_fd_, path, target, sizeof target) < 0) access.exe_denied = errno == EACCES || errno == EPERM;
  return access;
}

}  // namespace host_exporter::platform
