#include "platform/process_table.hpp"

namespace host_exporter::platform {

std::string_view process_state_name(char state) {
  switch (state) {
    case 'R': return "running";
    case 'S': return "sleeping";
    case 'D': return "disk-sleep";
    case 'Z': return "zombie";
    case 'T': return "stopped";
    case 't': return "tracing-stop";
    case 'X':
    case 'x': return "dead";
    case 'I': return "idle";
    case 'P': return "parked";
    case 'K': return "wakekill";
    case 'W': return "waking";
    default: return "unknown";
  }
}

}  // namespace host_exporter::platform
