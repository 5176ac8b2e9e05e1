#pragma once
// Whether the host collectors read the running kernel itself. Linux: --path.procfs is a proc
// filesystem and --path.sysfs a sysfs, whose reads the kernel answers from memory (not a
// fixture tree, a FIFO or a copy on a network share); macOS: always, the collectors ask sysctl,
// Mach and IOKit, not files. Only then may a scrape run on the HTTP server's event loop
// (Collector::reads_cannot_hang). Linux: statfs's f_type (linux/kernel_roots.cpp).

#include "platform/roots.hpp"

namespace host_exporter::platform {

bool collectors_read_the_kernel(const Roots& roots);

}  // namespace host_exporter::platform
