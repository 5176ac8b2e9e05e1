#include "host_exporter/app_identity.hpp"

#include <unistd.h>

#include <filesystem>
#include <mutex>
#include <optional>
#include <stdexcept>

namespace host_exporter {

namespace {

std::string file_name_safe(std::string_view text) {
  std::string safe(text);
  for (char& c : safe) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                       c == '-' || c == '.';
    if (!plain) c = '_';
  }
  // A leading dot would hide the file (and "." or ".." are no names).
  while (!safe.empty() && safe.front() == '.') safe.erase(0, 1);
  return safe;
}

std::string this_host() {
  char name[256] = {};  // POSIX host names are at most 255 bytes
  if (gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') return "localhost";
  return name;
}

std::string this_program() {
  std::error_code error;
  const auto executable = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) return executable.stem().string();
#ifdef __APPLE__
  return getprogname();
#else
  return "app";
#endif
}

std::mutex identity_mutex;
std::optional<AppIdentity> process_identity;

}  // namespace

AppIdentity make_app_identity(std::string_view program, std::string_view job, std::string_view given_instance,
                              std::string_view host) {
  AppIdentity identity;
  identity.program = file_name_safe(program);
  if (identity.program.empty()) identity.program = "app";
  identity.given_instance = file_name_safe(given_instance);
  identity.job = job.empty() ? identity.program : std::string(job);
  identity.instance = (host.empty() ? this_host() : std::string(host)) + "/" + identity.program;
  if (!identity.given_instance.empty()) identity.instance += "/" + identity.given_instance;
  return identity;
}

const AppIdentity& set_app_identity(const AppIdentity& identity) {
  std::lock_guard lock(identity_mutex);
  if (process_identity && (process_identity->job != identity.job || process_identity->instance != identity.instance)) {
    throw std::logic_error("the application's identity is already job=\"" + process_identity->job +
                           "\" instance=\"" + process_identity->instance + "\"; it is set once per process");
  }
  if (!process_identity) process_identity = identity;
  return *process_identity;
}

AppIdentity app_identity() {
  std::lock_guard lock(identity_mutex);
  if (process_identity) return *process_identity;
  return make_app_identity(this_program());
}

std::vector<std::pair<std::string, std::string>> identity_labels(const AppIdentity& identity) {
  return {{"job", identity.job}, {"instance", identity.instance}};
}

std::vector<std::pair<std::string, std::string>> identity_grouping(
    const AppIdentity& identity, const std::vector<std::pair<std::string, std::string>>& extra) {
  std::vector<std::pair<std::string, std::string>> grouping;
  bool instance_given = false;
  for (const auto& [name, value] : extra) instance_given = instance_given || name == "instance";
  if (!instance_given) grouping.emplace_back("instance", identity.instance);
  grouping.insert(grouping.end(), extra.begin(), extra.end());
  return grouping;
}

std::string identity_file_stem(const AppIdentity& identity) {
  std::string stem = file_name_safe(identity.job) + "." + identity.program;
  if (!identity.given_instance.empty()) stem += "." + identity.given_instance;
  return stem;
}

}  // namespace host_exporter
