#pragma once
// Every process of <procfs>, read once per sampler window: /proc/[pid]/stat, the
// number of open descriptors and, when asked, the owner from /proc/[pid]/status.
//
// The hot path opens files relative to one kept descriptor of the procfs root
// (openat), reuses its buffers, and treats a process that exits mid-read
// (ENOENT/ESRCH) or a file it may not read (EACCES) as a normal outcome, not an
// error. On a kernel that reports the descriptor count as the size of
// /proc/[pid]/fd (Linux 6.2+), counting costs one fstat instead of a listing.
//
// On a real procfs the reader keeps each process's stat file open between windows
// and re-reads it with pread: the path lookup and open are a large part of the
// kernel's cost otherwise (bench/README.md "## Processes"). A kept descriptor names
// the process, not the pid, so a reused pid shows up as ESRCH and is reopened. At
// most half of the soft RLIMIT_NOFILE is used this way (one per process); beyond
// that, files are opened and closed per read. Descriptor counts are not kept open:
// the processes collector counts them only for the few processes it exports
// (count_open_fds), so a path lookup each is cheap enough.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "platform/linux/process_stat.hpp"
#include "platform/roots.hpp"

namespace host_exporter::platform {

struct ProcessReadOptions {
  bool open_fds = true;  // count /proc/[pid]/fd
  bool owner = false;    // read /proc/[pid]/status for the uid (a process without it is skipped as exited)
};

// What the caller may read of another process (doctor's permission check).
// Denied means EACCES/EPERM; a kernel thread or zombie without an exe is not denied.
struct ProcessAccess {
  bool exists = false;
  bool fd_denied = false;
  bool exe_denied = false;
};

class ProcessTableReader {
 public:
  explicit ProcessTableReader(const Roots& roots);
  ~ProcessTableReader();
  ProcessTableReader(const ProcessTableReader&) = delete;
  ProcessTableReader& operator=(const ProcessTableReader&) = delete;

  // Replaces `out` with the current processes. False (and out.error set) only when
  // the procfs root cannot be opened or listed.
  bool read(ProcessTable& out, const ProcessReadOptions& options);

  // The command line with NULs as spaces, cut at `max_bytes`. False when the
  // process is gone or the file is unreadable; an empty result for kernel threads.
  bool read_cmdline(int pid, std::string& out, std::size_t max_bytes);

  ProcessAccess probe_access(int pid);

  // The open descriptors of one process (the size of /proc/[pid]/fd on Linux 6.2+,
  // a listing before); nullopt when the process is gone or its fd/ is not readable.
  std::optional<std::uint64_t> count_open_fds(int pid);

  // The pids listed in the procfs root, in directory order (reuses `out`).
  bool list_pids(std::vector<int>& out, std::string* error = nullptr);

 private:
  bool open_root(std::string* error);
  // Reads `relative` (under the root) into buffer_; 0 or the errno of the failure.
  int read_relative(const char* relative);
  // Reads /proc/[pid]/stat into buffer_ through a kept descriptor when allowed.
  int read_stat(int pid, char (&path)[64]);
  std::optional<std::uint64_t> count_fds(int pid, char (&path)[64]);
  void close_unseen_kept_files();

  struct KeptFiles {
    int stat_fd = -1;
    std::uint64_t seen = 0;
  };

  std::string root_;
  int root_fd_ = -1;
  bool fd_count_from_size_ = false;  // real procfs on Linux 6.2+: st_size of fd/ is the count
  std::string buffer_;
  std::vector<std::uint64_t> dirent_buffer_;  // 8-byte aligned for getdents64 records
  std::vector<int> pids_;
  bool keep_files_ = false;
  std::size_t kept_fd_budget_ = 0;
  std::size_t kept_fds_ = 0;
  std::uint64_t generation_ = 0;
  std::unordered_map<int, KeptFiles> kept_;
};

}  // namespace host_exporter::platform
