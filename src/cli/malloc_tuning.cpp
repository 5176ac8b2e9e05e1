#include "cli/malloc_tuning.hpp"

#include <algorithm>
#include <cstdlib>

#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <unistd.h>
#define HX_GLIBC_MALLOC 1
#else
#define HX_GLIBC_MALLOC 0
#endif

namespace host_exporter::cli {

#if HX_GLIBC_MALLOC
namespace {
constexpr const char* kSelf = "/proc/self/exe";

// The kernel names a process after the file it executes: "exe" after the execv below, which
// ps, top, btop and the processes collector would show. The program file's own name it is.
void restore_process_name() {
  char target[4096];
  const ssize_t length = ::readlink(kSelf, target, sizeof target - 1);
  if (length <= 0) return;
  std::string_view path(target, static_cast<std::size_t>(length));
  if (path.ends_with(" (deleted)")) path.remove_suffix(10);
  const std::string name(path.substr(path.rfind('/') + 1).substr(0, 15));  // TASK_COMM_LEN - 1
  ::prctl(PR_SET_NAME, name.c_str(), 0, 0, 0);
}
}  // namespace
#endif

std::optional<std::string> tunables_with_thread_cache(const char* current) {
  const std::string_view given = current ? current : "";
  // name=value pairs separated by colons
  for (std::size_t start = 0; start <= given.size();) {
    const std::size_t end = std::min(given.find(':', start), given.size());
    const std::string_view entry = given.substr(start, end - start);
    if (entry.substr(0, entry.find('=')) == kThreadCacheTunable) return std::nullopt;
    start = end + 1;
  }
  std::string tunables(given);
  if (!tunables.empty()) tunables += ':';
  tunables += kThreadCacheTunable;
  tunables += '=';
  tunables += std::to_string(kThreadCacheBlocks);
  return tunables;
}

void reexec_with_malloc_tuning(char** argv) {
#if HX_GLIBC_MALLOC
  if (::getauxval(AT_SECURE) != 0) return;
  // Started by the execv below already: never a second time, whatever GLIBC_TUNABLES says now.
  const auto* started_as = reinterpret_cast<const char*>(::getauxval(AT_EXECFN));
  if (started_as != nullptr && std::string_view(started_as) == kSelf) {
    restore_process_name();
    return;
  }
  const char* current = std::getenv("GLIBC_TUNABLES");
  const auto tunables = tunables_with_thread_cache(current);
  if (!tunables) return;
  const std::optional<std::string> before = current ? std::optional<std::string>(current) : std::nullopt;
  if (::setenv("GLIBC_TUNABLES", tunables->c_str(), 1) != 0) return;
  ::execv(kSelf, argv);
  // No /proc, or exec refused: go on as started.
  if (before) {
    ::setenv("GLIBC_TUNABLES", before->c_str(), 1);
  } else {
    ::unsetenv("GLIBC_TUNABLES");
  }
#else
  (void)argv;
#endif
}

}  // namespace host_exporter::cli
