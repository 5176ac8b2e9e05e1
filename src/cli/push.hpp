#pragma once
// `host_exporter push list|delete`: the subcommand, from parsed options to exit status.

#include "cli/options.hpp"

namespace host_exporter::cli {

int run_push(const Options& options);

}  // namespace host_exporter::cli
