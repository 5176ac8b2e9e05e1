#pragma once
// `host_exporter snapshot`: collect once, over one sampler window, and print.

#include "cli/options.hpp"

namespace host_exporter::cli {

int run_snapshot(const Options& options);

}  // namespace host_exporter::cli
