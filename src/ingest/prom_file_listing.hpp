#pragma once
// The *.prom names of one textfile directory, listed again only when the directory may have
// changed: a scrape of an unchanged directory costs one stat, not open, fstat, two fcntl, two
// getdents and close.
//
// Adding, removing or renaming an entry moves the directory's mtime, but only from one
// timestamp granule to the next (a clock tick on Linux, a second on HFS+, two on FAT, the
// server's clock on NFS): a change in the same granule as the one before it leaves the mtime
// as it was. So a listing is reused only if the mtime it was made under had already been seen
// unchanged 2 s before, on our own monotonic clock (no comparison with the filesystem's
// clock): any change after such a listing falls in a later granule, and is seen.

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

namespace host_exporter::ingest {

class PromFileListing {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  using Lister = std::function<std::vector<std::string>(const std::string& directory, std::error_code& error)>;
  // The *.prom names of a directory, sorted, read from the directory itself.
  static std::vector<std::string> list(const std::string& directory, std::error_code& error);

  explicit PromFileListing(std::string directory, Clock now = std::chrono::steady_clock::now, Lister lister = list);

  // The directory's *.prom names, sorted (node_exporter reads them in that order). On an
  // error, `error` is set and the names listed before it are returned. Shared, not copied: a
  // reused listing costs a reference count, not a string a file.
  using Names = std::shared_ptr<const std::vector<std::string>>;
  Names names(std::error_code& error);

  static constexpr std::chrono::seconds kStableFor{2};

 private:
  // ctime and mode too: a chmod that makes the directory unreadable must be seen.
  struct Identity {
    unsigned long long device = 0, inode = 0, mode = 0;
    long long mtime_seconds = 0, mtime_nanoseconds = 0, ctime_seconds = 0, ctime_nanoseconds = 0;
    bool operator==(const Identity&) const = default;
  };
  static std::optional<Identity> identity_of(const std::string& directory);

  std::string directory_;
  Clock now_;
  Lister list_;
  std::mutex mutex_;
  std::optional<Identity> seen_;                    // the identity last stat'ed
  std::chrono::steady_clock::time_point seen_since_;  // when it was first seen
  std::optional<Identity> trusted_;                 // the identity `names_` may be reused under
  Names names_;
};

}  // namespace host_exporter::ingest
