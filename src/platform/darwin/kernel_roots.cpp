#include "platform/kernel_roots.hpp"

namespace host_exporter::platform {

bool collectors_read_the_kernel(const Roots&) { return true; }

}  // namespace host_exporter::platform
