#pragma once
// The name a macOS process is grouped under. kp_proc.p_comm keeps 16 bytes (MAXCOMLEN), so
// "Google Chrome Helper (GPU)" and "Google Chrome Helper (Renderer)" both read
// "Google Chrome He"; btop names a process by the basename of proc_pidpath, and
// proc_name keeps 32 bytes. Best first: that basename, proc_name, p_comm.

#include <string>
#include <string_view>

namespace host_exporter::platform::darwin {

// Any argument may be empty (the call failed: another user's process, or a zombie).
std::string darwin_process_name(std::string_view executable_path, std::string_view proc_name,
                                std::string_view p_comm);

}  // namespace host_exporter::platform::darwin
