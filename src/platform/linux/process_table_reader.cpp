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

// Calls `visit(name)` for every entry of the directory `fd` (from its start).
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
      visit(static_cast<const char*>(entry->d_name));
      offset += entry->d_reclen;
    }
  }
}

// "Uid:\t<real>\t<effective>..." of /proc/[pid]/status.
std::optional<std::uint32_t> parse_status_uid(std::string_view text) {
  std::string_view line;
  while (next_line(text, line)) {
    if (line.substr(0, 4) != "Uid:") continue;
    line.remove_prefix(4);
    std::uint64_t uid = 0;
    if (!parse_u64(next_field(line), uid)) return std::nullopt;
    return static_cast<std::uint32_t>(uid);
  }
  return std::nullopt;
}

}  // namespace

ProcessTableReader::ProcessTableReader(const Roots& roots) : root_(roots.procfs) {}

ProcessTableReader::~ProcessTableReader() {
  for (const auto& [pid, files] : kept_) {
    if (files.stat_fd >= 0) ::close(files.stat_fd);
  }
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
  return true;
}

bool ProcessTableReader::list_pids(std::vector<int>& out, std::string* error) {
  out.clear();
  if (!open_root(error)) return false;
  if (::lseek(root_fd_, 0, SEEK_SET) < 0) {
    if (error) *error = root_ + ": " + std::strerror(errno);
    return false;
  }
  const bool listed = for_each_entry(root_fd_, dirent_buffer_, [&](const char* name) {
    if (!all_digits(name)) return;
    int pid = 0;
    const std::string_view text(name);
    std::from_chars(text.data(), text.data() + text.size(), pid);
    out.push_back(pid);
  });
  if (!listed && error) *error = root_ + ": " + std::strerror(errno);
  return listed;
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

int ProcessTableReader::read_stat(int pid, char (&path)[64]) {
  relative_path(path, pid, "stat");
  if (!keep_files_) return read_relative(path);
  KeptFiles* kept = nullptr;
  if (const auto found = kept_.find(pid); found != kept_.end()) {
    kept = &found->second;
  } else if (kept_fds_ + 1 <= kept_fd_budget_) {
    kept = &kept_[pid];
  }
  if (kept == nullptr) return read_relative(path);
  kept->seen = generation_;
  if (buffer_.size() < 4096) buffer_.resize(4096);
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (kept->stat_fd < 0) {
      kept->stat_fd = ::openat(root_fd_, path, O_RDONLY | O_CLOEXEC);
      if (kept->stat_fd < 0) return errno;
      ++kept_fds_;
    }
    const ssize_t n = ::pread(kept->stat_fd, buffer_.data(), buffer_.size(), 0);
    if (n >= 0) {
      buffer_.resize(static_cast<std::size_t>(n));
      return 0;
    }
    const int failure = errno;
    // ESRCH: the process we kept is gone; the pid may belong to a new one now.
    ::close(kept->stat_fd);
    kept->stat_fd = -1;
    --kept_fds_;
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
  const bool listed = for_each_entry(fd, dirent_buffer_, [&](const char* name) {
    if (name[0] != '.') ++count;
  });
  ::close(fd);
  if (!listed) return std::nullopt;
  return count;
}

void ProcessTableReader::close_unseen_kept_files() {
  for (auto it = kept_.begin(); it != kept_.end();) {
    KeptFiles& files = it->second;
    if (files.seen == generation_ && files.stat_fd >= 0) {
      ++it;
      continue;
    }
    if (files.stat_fd >= 0) {
      ::close(files.stat_fd);
      --kept_fds_;
    }
    it = kept_.erase(it);
  }
}

bool ProcessTableReader::read(ProcessTable& out, const ProcessReadOptions& options) {
  out.processes.clear();
  out.fds_unreadable = 0;
  out.error.clear();
  if (!list_pids(pids_, &out.error)) return false;

  ++generation_;
  char path[64];
  for (const int pid : pids_) {
    if (read_stat(pid, path) != 0) continue;  // exited (ENOENT/ESRCH) or hidden: not a failure
    out.processes.emplace_back();
    ProcessReading& process = out.processes.back();
    if (!parse_process_stat(buffer_, process.stat)) {
      out.processes.pop_back();
      continue;
    }
    process.open_fds.reset();
    process.uid.reset();
    if (options.owner) {
      relative_path(path, pid, "status");
      if (read_relative(path) != 0) {  // gone between stat and status
        out.processes.pop_back();
        continue;
      }
      process.uid = parse_status_uid(buffer_);
    }
    if (options.open_fds) {
      process.open_fds = count_fds(pid, path);
      if (!process.open_fds) ++out.fds_unreadable;
    }
  }
  close_unseen_kept_files();
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
