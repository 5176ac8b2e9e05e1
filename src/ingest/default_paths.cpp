#include "ingest/default_paths.hpp"

#include <cstdlib>

namespace host_exporter::ingest {

namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

std::string join(std::string base, const char* tail) {
  while (base.size() > 1 && base.back() == '/') base.pop_back();
  if (base != "/") base += '/';
  base += tail;
  return base;
}

}  // namespace

UserEnvironment current_user_environment() {
  UserEnvironment environment;
#if defined(__APPLE__)
  environment.style = StateDirectoryStyle::kMacOS;
#endif
  environment.xdg_state_home = env("XDG_STATE_HOME");
  environment.home = env("HOME");
  return environment;
}

std::string state_directory_for(const UserEnvironment& environment) {
  if (environment.style == StateDirectoryStyle::kMacOS) {
    if (environment.home.empty()) return {};
    return join(environment.home, "Library/Application Support/host_exporter");
  }
  // The XDG base directory spec says a relative path in XDG_* is invalid and must be ignored.
  if (!environment.xdg_state_home.empty() && environment.xdg_state_home.front() == '/') {
    return join(environment.xdg_state_home, "host_exporter");
  }
  if (environment.home.empty()) return {};
  return join(environment.home, ".local/state/host_exporter");
}

std::string textfile_directory_for(const UserEnvironment& environment) {
  const std::string state = state_directory_for(environment);
  return state.empty() ? state : join(state, "textfile");
}

std::string default_state_directory() { return state_directory_for(current_user_environment()); }
std::string default_textfile_directory() { return textfile_directory_for(current_user_environment()); }

}  // namespace host_exporter::ingest
