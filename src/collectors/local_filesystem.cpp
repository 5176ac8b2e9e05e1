#include "collectors/local_filesystem.hpp"

#include <algorithm>
#include <array>

namespace host_exporter::collectors {

bool is_local_filesystem(std::string_view fstype) {
  // Network (nfs, nfs4, cifs, smb3, ceph, 9p, virtiofs, ...) and FUSE (fuse, fuseblk,
  // fuse.*) types are deliberately absent. Looked up once per new mount, not per scrape.
  static constexpr std::array<std::string_view, 28> kLocal = {
      "apfs",  "bcachefs", "btrfs",    "erofs",    "exfat", "ext2", "ext3",  "ext4", "f2fs",
      "hfs",   "hfsplus",  "iso9660",  "jfs",      "msdos", "nilfs2", "ntfs", "ntfs3", "overlay",
      "ramfs", "reiserfs", "rootfs",   "squashfs", "tmpfs", "udf",  "ufs",   "vfat", "xfs",
      "zfs"};
  return std::find(kLocal.begin(), kLocal.end(), fstype) != kLocal.end();
}

}  // namespace host_exporter::collectors
