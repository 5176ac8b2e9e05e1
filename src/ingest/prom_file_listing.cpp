#include "ingest/prom_file_listing.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>

namespace host_exporter::ingest {

std::vector<std::string> PromFileListing::list(const std::string& directory, std::error_code& error) {
  std::vector<std::string> names;
  std::filesystem::directory_iterator it(directory, error);
  for (; !error && it != std::filesystem::directory_iterator(); it.increment(error)) {
    std::string name = it->path().filename().string();
    if (name.size() > 5 && name.ends_with(".prom")) names.push_back(std::move(name));
  }
  std::sort(names.begin(), names.end());
  return names;
}

PromFileListing::PromFileListing(std::string directory, Clock now, Lister lister)
    : directory_(std::move(directory)), now_(std::move(now)), list_(std::move(lister)) {}

std::optional<PromFileListing::Identity> PromFileListing::identity_of(const std::string& directory) {
  struct stat status {};
  if (::stat(directory.c_str(), &status) != 0 || !S_ISDIR(status.st_mode)) return std::nullopt;
#ifdef __APPLE__
  const timespec mtime = status.st_mtimespec, ctime = status.st_ctimespec;
#else
  const timespec mtime = status.st_mtim, ctime = status.st_ctim;
#endif
  return Identity{static_cast<unsigned long long>(status.st_dev), static_cast<unsigned long long>(status.st_ino),
                  static_cast<unsigned long long>(status.st_mode),
                  static_cast<long long>(mtime.tv_sec), static_cast<long long>(mtime.tv_nsec),
                  static_cast<long long>(ctime.tv_sec), static_cast<long long>(ctime.tv_nsec)};
}

PromFileListing::Names PromFileListing::names(std::error_code& error) {
  std::lock_guard lock(mutex_);
  const auto identity = identity_of(directory_);
  const auto now = now_();
  if (identity && identity == trusted_) return names_;
  if (identity != seen_) {
    seen_ = identity;
    seen_since_ = now;
  }
  // Stat'ed before listing: a change during the listing moves the mtime away from `identity`.
  names_ = std::make_shared<const std::vector<std::string>>(list_(directory_, error));
  const bool stable = identity && !error && now - seen_since_ >= kStableFor;
  trusted_ = stable ? identity : std::nullopt;
  return names_;
}

}  // namespace host_exporter::ingest
