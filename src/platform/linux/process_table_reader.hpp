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
// the process, not the pid, so a reused pid shows up as ESRCH and is reopened. The
// descriptor directory of a process whose descriptors are counted (count_open_fds,
// for the exported groups' members) is kept too, opened O_PATH: fstat on it counts
// without a path walk. At most half of the soft RLIMIT_NOFILE is used this way;
// beyond that, files are opened and closed per read.
//
// Listing the procfs root costs the kernel a dentry lookup per process. When the
// procfs is of our own pid namespace, <procfs>/loadavg's last allocated pid tells what
// can be new since the last listing: nothing when it has not moved (the last listing,
// minus the processes found gone, is reused); otherwise only pids above the last one
// seen then, which are listed by seeking the directory to that pid (procfs positions
// its entries by pid). A full listing happens when the pids wrapped around, and every
// few windows regardless: a process made visible without a new pid (hidepid), or a
// complete wrap-around within one window, shows up at most that late.

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/linux/cached_file.hpp"
#include "platform/linux/loadavg_reader.hpp"
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
  // through a kept descriptor for a process of the last read; a listing before);
  // nullopt when the process is gone or its fd/ is not readable.
  std::optional<std::uint64_t> count_open_fds(int pid);

  // The pids listed in the procfs root, in directory order (reuses `out`).
  bool list_pids(std::vector<int>& out, std::string* error = nullptr);

 private:
  // One process's descriptors kept open between windows (real procfs only).
  struct KeptProcess {
    int pid = 0;
    int stat_fd = -1;    // <pid>/stat, re-read with pread
    int fd_dir_fd = -1;  // <pid>/fd opened O_PATH: its size is the descriptor count
  };

  bool open_root(std::string* error);
  // pids_ for this window: a fresh listing, or the last one plus the pids allocated since.
  bool refresh_pids(std::string& error);
  // Appends the pids listed from directory position `position` (0: the whole listing, which
  // also learns pid_position_offset_).
  bool list_pids_from(off_t position, std::vector<int>& out, std::string* error);
  bool read_last_pid(long& out);
  bool procfs_is_own_pid_namespace();
  // Reads `relative` (under the root) into buffer_; 0 or the errno of the failure.
  int read_relative(const char* relative);
  // Reads /proc/[pid]/stat into `text`, through `kept`'s descriptor when allowed; 0 or the errno.
  int read_stat(KeptProcess& kept, char (&path)[64], std::string_view& text);
  std::optional<std::uint64_t> count_fds(int pid, char (&path)[64]);
  std::optional<std::uint64_t> count_fds_kept(KeptProcess& kept, char (&path)[64]);
  // Last window's descriptors of `pid` (moved out of kept_), or none; `cursor` walks kept_.
  KeptProcess take_kept(int pid, std::size_t& cursor, bool in_order);
  void close_kept(KeptProcess& kept);

  std::string root_;
  int root_fd_ = -1;
  bool fd_count_from_size_ = false;  // real procfs on Linux 6.2+: st_size of fd/ is the count
  std::string buffer_;
  char stat_buffer_[4096];
  std::vector<std::uint64_t> dirent_buffer_;  // 8-byte aligned for getdents64 records
  std::vector<int> pids_;  // as listed (ascending on procfs), minus the processes found gone since
  bool keep_files_ = false;
  std::size_t kept_fd_budget_ = 0;
  std::size_t kept_fds_ = 0;
  std::vector<KeptProcess> kept_;       // the last window's, sorted by pid
  std::vector<KeptProcess> next_kept_;  // scratch while reading a window
  CachedFile loadavg_file_;  // its last pid: was any process started since the last listing?
  std::string loadavg_buffer_;
  LoadavgReading loadavg_;
  bool listing_reusable_ = false;  // own pid namespace: loadavg's last pid tells if any process appeared
  long listed_last_pid_ = -1;      // read just before the last listing; -1 when unknown
  unsigned windows_since_listing_ = 0;  // windows since the last full listing
  off_t pid_position_offset_ = 0;  // procfs: the listing of pid P resumes at position P + this; 0 unknown
};

}  // namespace host_exporter::platform
