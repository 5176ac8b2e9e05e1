#pragma once
// Where host_exporter keeps per-user state by default. The one rule, shared by
// the textfile collector's default directory, `doctor` and the Python module:
//
//   macOS:  $HOME/Library/Application Support/host_exporter
//   others: $XDG_STATE_HOME/host_exporter when XDG_STATE_HOME is an absolute
//           path, else $HOME/.local/state/host_exporter
//
// and the textfile directory is "textfile" inside it. With no usable HOME (and
// no XDG_STATE_HOME on Linux) there is no default: the result is empty.

#include <string>

namespace host_exporter::ingest {

enum class StateDirectoryStyle { kXdg, kMacOS };

struct UserEnvironment {
  StateDirectoryStyle style = StateDirectoryStyle::kXdg;
  std::string xdg_state_home;  // $XDG_STATE_HOME, "" when unset
  std::string home;            // $HOME, "" when unset
};

// The environment of this process (getenv, and the platform it was built for).
UserEnvironment current_user_environment();

std::string state_directory_for(const UserEnvironment& environment);
std::string textfile_directory_for(const UserEnvironment& environment);

// The two above for this process.
std::string default_state_directory();
std::string default_textfile_directory();

}  // namespace host_exporter::ingest
