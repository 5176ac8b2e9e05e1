// Mounted filesystems: getfsstat(MNT_NOWAIT) (cached statistics: never waits on a hung
// network mount, as node_exporter reads them) and, for local volumes, the space APFS
// says the volume uses (getattrlist ATTR_VOL_SPACEUSED) and the free space with what
// macOS would purge (CFURL); and statfs of one mount (fresh, may block: run under
// collectors/mount_stat_runner.hpp).
#include <CoreFoundation/CoreFoundation.h>
#include <sys/attr.h>
#include <sys/mount.h>
#include <sys/param.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>

#include "platform/darwin/system_readers.hpp"

namespace host_exporter::platform::darwin {

namespace {

std::optional<std::uint64_t> apfs_space_used(const char* mountpoint) {
  attrlist request{};
  request.bitmapcount = ATTR_BIT_MAP_COUNT;
  request.volattr = ATTR_VOL_INFO | ATTR_VOL_SPACEUSED;
  struct {
    std::uint32_t length;
    off_t space_used;
  } __attribute__((aligned(4), packed)) reply{};
  if (::getattrlist(mountpoint, &request, &reply, sizeof reply, 0) != 0) return std::nullopt;
  if (reply.length < sizeof reply || reply.space_used < 0) return std::nullopt;
  return static_cast<std::uint64_t>(reply.space_used);
}

std::optional<std::uint64_t> available_with_purgeable(const char* mountpoint) {
  CFURLRef url = CFURLCreateFromFileSystemRepresentation(
      kCFAllocatorDefault, reinterpret_cast<const UInt8*>(mountpoint), static_cast<CFIndex>(std::strlen(mountpoint)),
      true);
  if (url == nullptr) return std::nullopt;
  CFTypeRef value = nullptr;
  std::optional<std::uint64_t> out;
  if (CFURLCopyResourcePropertyForKey(url, kCFURLVolumeAvailableCapacityForImportantUsageKey, &value, nullptr) &&
      value != nullptr) {
    std::int64_t bytes = 0;
    if (CFGetTypeID(value) == CFNumberGetTypeID() &&
        CFNumberGetValue(static_cast<CFNumberRef>(value), kCFNumberSInt64Type, &bytes) && bytes >= 0) {
      out = static_cast<std::uint64_t>(bytes);
    }
    CFRelease(value);
  }
  CFRelease(url);
  return out;
}

// Volumes whose attributes come from the kernel's own counters (no server to wait for).
bool is_local_volume(std::string_view fstype) { return fstype == "apfs" || fstype == "hfs"; }

}  // namespace

bool read_filesystems(std::vector<FilesystemReading>& out, std::string& error) {
  std::vector<struct statfs> mounts;
  for (int attempt = 0; attempt < 4; ++attempt) {
    const int count = ::getfsstat(nullptr, 0, MNT_NOWAIT);
    if (count < 0) break;
    mounts.resize(static_cast<std::size_t>(count) + 4);
    const int got = ::getfsstat(mounts.data(), static_cast<int>(mounts.size() * sizeof(struct statfs)), MNT_NOWAIT);
    if (got < 0) break;
    if (static_cast<std::size_t>(got) < mounts.size()) {
      mounts.resize(static_cast<std::size_t>(got));
      out.clear();
      for (const auto& m : mounts) {
        FilesystemReading fs;
        fs.device = m.f_mntfromname;
        fs.mountpoint = m.f_mntonname;
        fs.fstype = m.f_fstypename;
        fs.block_size = m.f_bsize;
        fs.blocks = m.f_blocks;
        fs.blocks_free = m.f_bfree;
        fs.blocks_available = m.f_bavail;
        fs.files = m.f_files;
        fs.files_free = m.f_ffree;
        fs.read_only = (m.f_flags & MNT_RDONLY) != 0;
        if (fs.fstype == "apfs") fs.space_used_bytes = apfs_space_used(m.f_mntonname);
        if (is_local_volume(fs.fstype)) fs.available_with_purgeable_bytes = available_with_purgeable(m.f_mntonname);
        out.push_back(std::move(fs));
      }
      return true;
    }
  }
  error = std::string("getfsstat: ") + std::strerror(errno);
  return false;
}

FilesystemUsageReading read_statfs_usage(const std::string& path) {
  struct statfs fs{};
  FilesystemUsageReading reading;
  if (::statfs(path.c_str(), &fs) != 0) {
    reading.error = errno;
    return reading;
  }
  FilesystemUsage& usage = reading.usage;
  usage.blocks = fs.f_blocks;
  usage.blocks_free = fs.f_bfree;
  usage.blocks_available = fs.f_bavail;
  usage.files = fs.f_files;
  usage.files_free = fs.f_ffree;
  usage.block_size = fs.f_bsize;
  usage.fragment_size = fs.f_bsize;  // statfs counts blocks of f_bsize on macOS
  return reading;
}

}  // namespace host_exporter::platform::darwin
