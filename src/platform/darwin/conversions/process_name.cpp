#include "platform/darwin/conversions/process_name.hpp"

namespace host_exporter::platform::darwin {

std::string darwin_process_name(std::string_view executable_path, std::string_view proc_name,
                                std::string_view p_comm) {
  const std::size_t slash = executable_path.rfind('/');
  const std::string_view base = slash == std::string_view::npos ? executable_path : executable_path.substr(slash + 1);
  if (!base.empty()) return std::string(base);
  if (!proc_name.empty()) return std::string(proc_name);
  return std::string(p_comm);
}

}  // namespace host_exporter::platform::darwin
